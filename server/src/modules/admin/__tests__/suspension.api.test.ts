import { randomUUID } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import WebSocket from 'ws';
import { errorCode, startTestApp, type GqlResult, type TestApp } from '../../../test-support/app.js';
import { createKey, GOOD_PASSWORD, SIGN_IN, SIGN_UP, uniqueEmail } from '../../auth/__tests__/helpers.js';
import { ledgerAudit, ok, signInAdmin } from '../../gateway/__tests__/support.js';

/**
 * Suspension across replicas: two servers on one PostgreSQL and one Redis. The admin acts on A;
 * the user's very next request on B, by session and by API key, GraphQL and /v1, is refused, and
 * B closes the user's live subscription. Reactivation on A restores everything on B.
 */
const redisUrl = inject('redisUrl');
const SUSPEND = 'mutation($u: ID!, $r: String!) { adminSuspendUser(userId: $u, reason: $r) { id suspendedAt suspendedReason } }';
const REACTIVATE = 'mutation($u: ID!) { adminReactivateUser(userId: $u) { id suspendedAt suspendedReason } }';
const GRANT = 'mutation($i: AdminCreditInput!) { adminGrantCredits(input: $i) { id } }';
const ME = '{ me { email } }';
const BALANCE = '{ creditBalance { balance } }';

let a: TestApp;
let b: TestApp;
let admin: string;
let user: { id: string; token: string; email: string };
let key: string;
const clients: Client[] = [];

beforeAll(async () => {
  if (!redisUrl) return;
  const env = { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: `t-suspend-${process.pid}-${randomUUID().slice(0, 8)}:` };
  a = await startTestApp(env);
  b = await startTestApp(env, { databaseUrl: a.databaseUrl });
  admin = await signInAdmin(a);
  const email = uniqueEmail('suspend');
  const signUp = ok(await a.gql(SIGN_UP, { input: { email, password: GOOD_PASSWORD } }), 'signUp');
  user = { id: signUp.user.id, token: signUp.token, email };
  key = (await createKey(a, user.token, ['completions', 'read'])).secret;
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await b?.stop();
  await a?.stop();
});

const reason = (res: GqlResult) => res.errors?.[0]?.extensions?.reason;
const models = (t: TestApp, secret: string) => fetch(`${t.url}/v1/models`, { headers: { authorization: `Bearer ${secret}` } });

/** A balanceChanged subscription on B: its events, and a promise that settles when the server ends it. */
function watchBalance(token: string) {
  const events: unknown[] = [];
  let firstEvent!: () => void;
  const gotEvent = new Promise<void>((resolve) => (firstEvent = resolve));
  const client = createClient({
    url: `${b.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: false,
    connectionParams: { authorization: `Bearer ${token}` },
    onNonLazyError: () => undefined,
  });
  clients.push(client);
  const ended = new Promise<{ how: 'error' | 'complete'; closeCode?: number; errors?: unknown }>((resolve) => {
    client.subscribe(
      { query: 'subscription { balanceChanged { balance } }' },
      {
        next: (value) => {
          events.push(value);
          firstEvent();
        },
        // An error before execution arrives as an array of GraphQL errors; a closed socket as its CloseEvent.
        error: (err) => resolve(Array.isArray(err) ? { how: 'error', errors: err } : { how: 'error', closeCode: (err as { code?: number })?.code }),
        complete: () => resolve({ how: 'complete' }),
      },
    );
  });
  return { events, gotEvent, ended };
}

/**
 * Grants a credit on A until the subscription on B has seen an event: B subscribes its Redis channel
 * asynchronously, so the first grant may come before it listens. No timing is asserted.
 */
async function untilLive(watch: { gotEvent: Promise<void> }) {
  let live = false;
  void watch.gotEvent.then(() => (live = true));
  for (let i = 0; i < 100 && !live; i += 1) {
    ok(await a.gql(GRANT, { i: { userId: user.id, amount: '1', reason: 'suspension test', idempotencyKey: randomUUID() } }, admin), 'adminGrantCredits');
    await Promise.race([watch.gotEvent, new Promise((resolve) => setTimeout(resolve, 100))]);
  }
  expect(live).toBe(true);
}

describe.skipIf(!redisUrl)('suspension across two server instances', () => {
  it('works on B before the suspension, by session, key, graphql-ws and /v1', async () => {
    expect(ok(await b.gql(ME, {}, user.token), 'me').email).toBe(user.email);
    expect((await b.gql(BALANCE, {}, key)).errors).toBeUndefined();
    expect((await models(b, key)).status).toBe(200);
  });

  it('suspended on A: the next requests on B are refused and the live subscription on B is closed', async () => {
    const watch = watchBalance(user.token);
    // The subscription is live on B once a grant made on A reaches it (through Redis).
    await untilLive(watch);

    const suspended = ok(await a.gql(SUSPEND, { u: user.id, r: 'chargeback fraud' }, admin), 'adminSuspendUser');
    expect(suspended.suspendedAt).not.toBeNull();
    expect(suspended.suspendedReason).toBe('chargeback fraud');

    const ended = await watch.ended;
    expect(ended).toEqual({ how: 'error', closeCode: 4403 });

    for (const credential of [user.token, key]) {
      const res = await b.gql(credential === key ? BALANCE : ME, {}, credential);
      expect(errorCode(res)).toBe('FORBIDDEN');
      expect(reason(res)).toBe('ACCOUNT_SUSPENDED');
      expect(res.data).toBeNull();
    }
    const v1 = await models(b, key);
    expect(v1.status).toBe(403);
    expect(((await v1.json()) as { error: { type: string } }).error.type).toBe('permission_error');
    const signIn = await b.gql(SIGN_IN, { input: { email: user.email, password: GOOD_PASSWORD } });
    expect(errorCode(signIn)).toBe('FORBIDDEN');
    expect(reason(signIn)).toBe('ACCOUNT_SUSPENDED');
    // A wrong password still answers as for anyone: the refusal does not reveal the account.
    expect(errorCode(await b.gql(SIGN_IN, { input: { email: user.email, password: 'wrong-password-1' } }))).toBe('UNAUTHENTICATED');
    // A new subscription on B is refused too.
    const again = watchBalance(user.token);
    const refused = await again.ended;
    const errors = (refused.errors ?? (again.events[0] as { errors?: GqlResult['errors'] } | undefined)?.errors) as GqlResult['errors'];
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ACCOUNT_SUSPENDED' });
  });

  it('reactivated on A: session, key, /v1 and sign-in work again on B', async () => {
    const reactivated = ok(await a.gql(REACTIVATE, { u: user.id }, admin), 'adminReactivateUser');
    expect(reactivated).toMatchObject({ suspendedAt: null, suspendedReason: null });
    expect(ok(await b.gql(ME, {}, user.token), 'me').email).toBe(user.email);
    expect((await b.gql(BALANCE, {}, key)).errors).toBeUndefined();
    expect((await models(b, key)).status).toBe(200);
    expect(ok(await b.gql(SIGN_IN, { input: { email: user.email, password: GOOD_PASSWORD } }), 'signIn').token).toBeTruthy();
    const watch = watchBalance(user.token);
    await untilLive(watch);
    expect(watch.events.length).toBeGreaterThan(0);
  });

  it('leaves the ledger clean', async () => {
    expect((await ledgerAudit(a, admin)).violations).toEqual([]);
  });
});
