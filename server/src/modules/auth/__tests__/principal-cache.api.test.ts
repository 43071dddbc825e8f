import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { errorCode, startTestApp, type GqlResult, type TestApp } from '../../../test-support/app.js';
import { withClient } from '../../../test-support/database.js';
import { countStatements, type Counted } from '../../../test-support/statement-count.js';
import { COMPLETE, keyFor, ledgerAudit, newUser, ok, signInAdmin, type User } from '../../gateway/__tests__/support.js';

/**
 * The principal cache (docs/decisions/0034-principal-cache.md) on two servers sharing one
 * PostgreSQL and one Redis: warm, a request by key or session sends no auth statement; a key
 * revoked, a user suspended or reactivated on A holds from the very next request on B, however
 * warm B's cache is; a key's last use is written by the flush, not by the requests.
 */
const redisUrl = inject('redisUrl');
const REVOKE = 'mutation($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }';
const SUSPEND = 'mutation($u: ID!, $r: String!) { adminSuspendUser(userId: $u, reason: $r) { id } }';
const REACTIVATE = 'mutation($u: ID!) { adminReactivateUser(userId: $u) { id } }';
const BALANCE = '{ creditBalance { balance } }';
const API_KEYS = '{ apiKeys { id lastUsedAt } }';

let a: TestApp;
let b: TestApp;
let admin: string;

beforeAll(async () => {
  if (!redisUrl) return;
  const env = { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: `t-principals-${process.pid}-${randomUUID().slice(0, 8)}:` };
  a = await startTestApp(env);
  b = await startTestApp(env, { databaseUrl: a.databaseUrl });
  admin = await signInAdmin(a);
});
afterAll(async () => {
  await b?.stop();
  await a?.stop();
});

/** The authenticator's own statements (a key's lookup, a session's user read) and any write to api_key. */
const authStatements = (c: Counted) =>
  [...c.sql, ...c.orm].filter((s) => /secret_hash|suspended_at from app_user|from app_user u where u\.id = |update api_key/i.test(s));
const ask = (prompt: string) => ({ i: { model: 'sandbox/echo', prompt, maxTokens: 20 } });
const models = (t: TestApp, secret: string) => fetch(`${t.url}/v1/models`, { headers: { authorization: `Bearer ${secret}` } });
const reason = (res: GqlResult) => res.errors?.[0]?.extensions?.reason;

/** Enough requests on `t` for both credentials to be cached (a key's first request only learns its owner). */
async function warm(t: TestApp, user: User, secret: string) {
  for (let i = 0; i < 3; i += 1) {
    expect((await t.gql(BALANCE, {}, secret)).errors).toBeUndefined();
    expect((await t.gql(BALANCE, {}, user.token)).errors).toBeUndefined();
  }
}

describe.skipIf(!redisUrl)('principal cache across two server instances', () => {
  it('warm: a completion by API key and a request by session send no auth statement', async () => {
    const user = await newUser(a, admin, 'pc-warm');
    const key = await keyFor(a, user, ['completions', 'read']);
    await warm(b, user, key.secret);
    const byKey = await countStatements(b, () => b.gql(COMPLETE, ask('no auth sql, please'), key.secret));
    expect(byKey.result.errors).toBeUndefined();
    expect(authStatements(byKey.counted)).toEqual([]);
    const bySession = await countStatements(b, () => b.gql(BALANCE, {}, user.token));
    expect(bySession.result.errors).toBeUndefined();
    expect(authStatements(bySession.counted)).toEqual([]);
    // Cold, the same request does read: the count above is the cache's doing.
    b.app.services.principals.clear();
    const cold = await countStatements(b, () => b.gql(BALANCE, {}, user.token));
    expect(authStatements(cold.counted)).toHaveLength(1);
  });

  it('a key revoked on A is refused at the next request on B (GraphQL and /v1), its sibling still works', async () => {
    const user = await newUser(a, admin, 'pc-revoke');
    const key = await keyFor(a, user, ['completions', 'read']);
    const other = await keyFor(a, user, ['completions', 'read']);
    await warm(b, user, key.secret);
    await warm(b, user, other.secret);
    expect((await models(b, key.secret)).status).toBe(200);

    ok(await a.gql(REVOKE, { id: key.id }, user.token), 'revokeApiKey');
    expect(errorCode(await b.gql(BALANCE, {}, key.secret))).toBe('UNAUTHENTICATED');
    expect((await models(b, key.secret)).status).toBe(401);
    expect((await b.gql(BALANCE, {}, other.secret)).errors).toBeUndefined();
    expect((await b.gql(BALANCE, {}, user.token)).errors).toBeUndefined();
  });

  it('a user suspended on A is refused at the next request on B, by key and session; reactivated, accepted again', async () => {
    const user = await newUser(a, admin, 'pc-suspend');
    const key = await keyFor(a, user, ['completions', 'read']);
    await warm(b, user, key.secret);

    ok(await a.gql(SUSPEND, { u: user.id, r: 'cache test' }, admin), 'adminSuspendUser');
    for (const credential of [key.secret, user.token]) {
      const res = await b.gql(BALANCE, {}, credential);
      expect(errorCode(res)).toBe('FORBIDDEN');
      expect(reason(res)).toBe('ACCOUNT_SUSPENDED');
    }
    expect((await models(b, key.secret)).status).toBe(403);
    // The refusal itself is cached too, and still follows the next change at once.
    ok(await a.gql(REACTIVATE, { u: user.id }, admin), 'adminReactivateUser');
    expect((await b.gql(BALANCE, {}, key.secret)).errors).toBeUndefined();
    expect((await b.gql(BALANCE, {}, user.token)).errors).toBeUndefined();
  });

  it('a completion, whose version check rides in its rate-limit script, is refused after a revoke or suspension on A, and charges nothing', async () => {
    const user = await newUser(a, admin, 'pc-complete');
    const key = await keyFor(a, user, ['completions', 'read']);
    await warm(b, user, key.secret);
    ok(await b.gql(COMPLETE, ask('warm the completion path'), key.secret), 'complete');
    const chat = (secret: string) =>
      fetch(`${b.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'sandbox/echo', messages: [{ role: 'user', content: 'hello' }], max_tokens: 20 }),
      });
    expect((await chat(key.secret)).status).toBe(200);
    const balanceBefore = (ok(await a.gql(BALANCE, {}, user.token), 'creditBalance') as { balance: string }).balance;

    ok(await a.gql(SUSPEND, { u: user.id, r: 'deferred check' }, admin), 'adminSuspendUser');
    const suspended = await b.gql(COMPLETE, ask('refused while suspended'), key.secret);
    expect(errorCode(suspended)).toBe('FORBIDDEN');
    expect(reason(suspended)).toBe('ACCOUNT_SUSPENDED');
    expect((await chat(key.secret)).status).toBe(403);
    ok(await a.gql(REACTIVATE, { u: user.id }, admin), 'adminReactivateUser');

    ok(await b.gql(COMPLETE, ask('warm again'), key.secret), 'complete');
    const warmed = (ok(await a.gql(BALANCE, {}, user.token), 'creditBalance') as { balance: string }).balance;
    expect(warmed).not.toBe(balanceBefore); // the calls before the suspension were charged
    ok(await a.gql(REVOKE, { id: key.id }, user.token), 'revokeApiKey');
    expect(errorCode(await b.gql(COMPLETE, ask('refused after the revoke'), key.secret))).toBe('UNAUTHENTICATED');
    expect((await chat(key.secret)).status).toBe(401);
    // Nothing held or charged by the refused calls.
    const after = ok(await a.gql('{ creditBalance { balance held } }', {}, user.token), 'creditBalance') as { balance: string; held: string };
    expect(after).toEqual({ balance: warmed, held: '0.000000' });
  });

  it('records last use off the request path: no write per request, one UPDATE for every key at the flush, to the minute', async () => {
    const user = await newUser(a, admin, 'pc-used');
    const keys = [await keyFor(a, user, ['read']), await keyFor(a, user, ['read'])];
    await b.app.services.apiKeyUsage.flush();
    const before = Date.now();
    for (const key of keys) {
      for (let i = 0; i < 3; i += 1) {
        const { result, counted } = await countStatements(b, () => b.gql(BALANCE, {}, key.secret));
        expect(result.errors).toBeUndefined();
        expect([...counted.sql, ...counted.orm].filter((s) => /update api_key/i.test(s))).toEqual([]);
      }
    }
    const flush = await countStatements(b, () => b.app.services.apiKeyUsage.flush());
    const writes = [...flush.counted.sql, ...flush.counted.orm].filter((s) => /update api_key/i.test(s));
    // Zero when B's own timer flushed first (it may run at any time); never one per key or per request.
    expect(writes.length).toBeLessThanOrEqual(1);
    const stored = await withClient(
      a.databaseUrl,
      async (c) =>
        (await c.query('select id, last_used_at from api_key where id = any($1::uuid[])', [keys.map((k) => k.id)])).rows as Array<{
          last_used_at: Date | null;
        }>,
    );
    for (const row of stored) {
      expect(row.last_used_at).not.toBeNull();
      expect(row.last_used_at!.getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(row.last_used_at!.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    }
    // What the API shows, read on the other replica.
    const listed = ok(await a.gql(API_KEYS, {}, user.token), 'apiKeys') as Array<{ lastUsedAt: string | null }>;
    for (const key of listed) expect(Date.parse(key.lastUsedAt!)).toBeGreaterThanOrEqual(before - 1000);
  });

  it('leaves the ledger consistent', async () => {
    expect((await ledgerAudit(a, admin)).violations).toEqual([]);
  });
});
