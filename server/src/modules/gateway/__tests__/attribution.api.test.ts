/**
 * Attribution (issue 15): a call made by a member for a team, with a team key or a session acting
 * for it, is held and settled on the TEAM's account, and its hold, usage entry, usage event and any
 * refund name the member and the key. Also the /v1 shape of a cap's refusal, a key's model
 * allow-list and its expiry. Real server, real PostgreSQL and Redis, real HTTP.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, type TestApp } from '../../../test-support/app.js';
import { COMPLETE, keyFor, ledgerAudit, newUser, ok, signInAdmin, startGatewayApp, type User } from './support.js';
import { grantTo, makeTeam, moveKey, run, setKeyCap } from './caps-support.js';

const TIER = 'starter';
const ASK = { model: 'sandbox/echo', prompt: 'Who paid for this?', maxTokens: 20, useCache: false };

let t: TestApp;
let admin: string;
let owner: User;
let member: User;
let team: string;
let teamKey: { id: string; secret: string };

const v1 = (path: string, secret: string, body: unknown) =>
  fetch(`${t.url}/v1/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  t = await startGatewayApp('attribution');
  admin = await signInAdmin(t);
  owner = await newUser(t, admin, 'attr-owner', TIER);
  member = await newUser(t, admin, 'attr-member', TIER);
  team = await makeTeam(t, admin, owner, [member], TIER);
  await grantTo(t, admin, team, 100_000_000n);
  teamKey = await keyFor(t, member, ['completions']);
  await moveKey(t, teamKey.id, team, member.id);
});
afterAll(async () => {
  await t?.stop();
});

async function rowsOf(table: 'credit_hold' | 'ledger_entry', where: string, params: unknown[]) {
  return (await run(t, (c) => c.query(`select x.* from ${table} x join credit_account a on a.id = x.account_id where ${where}`, params))).rows;
}

describe('a member spending from a team', () => {
  it('GraphQL with a team key, /v1 chat, /v1 messages, /v1 embeddings and a session acting for the team all charge the team, naming member and key', async () => {
    const before = (await rowsOf('ledger_entry', `a.user_id = $1 and x.type = 'usage'`, [member.id])).length;
    const viaKey = ok(await t.gql(COMPLETE, { i: ASK }, teamKey.secret), 'complete');
    const viaSession = ok(await t.gql(COMPLETE, { i: ASK }, member.token, { 'x-tollgate-account': team }), 'complete');
    expect((await v1('chat/completions', teamKey.secret, { model: ASK.model, messages: [{ role: 'user', content: 'chat' }], max_tokens: 20 })).status).toBe(
      200,
    );
    expect((await v1('messages', teamKey.secret, { model: ASK.model, messages: [{ role: 'user', content: 'messages' }], max_tokens: 20 })).status).toBe(200);
    expect((await v1('embeddings', teamKey.secret, { model: 'sandbox/embed', input: 'embed me' })).status).toBe(200);

    const entries = await rowsOf('ledger_entry', `a.user_id = $1 and x.type = 'usage'`, [team]);
    expect(entries).toHaveLength(5);
    expect(entries.every((e) => e.member_id === member.id)).toBe(true);
    expect(entries.filter((e) => e.api_key_id === teamKey.id)).toHaveLength(4);
    expect(entries.filter((e) => e.api_key_id === null)).toHaveLength(1);
    expect(entries.map((e) => e.actor_id)).toEqual(entries.map(() => member.id));
    const holds = await rowsOf('credit_hold', `a.user_id = $1`, [team]);
    expect(holds.map((h) => [h.status, h.member_id])).toEqual(holds.map(() => ['settled', member.id]));
    // The member's own account paid nothing.
    expect(await rowsOf('ledger_entry', `a.user_id = $1 and x.type = 'usage'`, [member.id])).toHaveLength(before);

    const events = (
      await run(t, (c) =>
        c.query(`select id, user_id, member_id, api_key_id, service from usage_event where user_id = $1 and status = 'ok' order by created_at`, [team]),
      )
    ).rows;
    expect(events).toHaveLength(5);
    expect(events.every((e) => e.member_id === member.id)).toBe(true);
    expect(events.filter((e) => e.api_key_id === teamKey.id)).toHaveLength(4);
    expect(events.every((e) => e.service === 'completion')).toBe(true); // embeddings meter as completions (decision 0052)
    expect([viaKey.id, viaSession.id]).toHaveLength(2);
  });

  it("a refund carries the refunded entry's member and key", async () => {
    ok(await t.gql(COMPLETE, { i: ASK }, teamKey.secret), 'complete');
    const [spent] = await rowsOf('ledger_entry', `a.user_id = $1 and x.type = 'usage' and x.api_key_id = $2 order by x.seq desc limit 1`, [team, teamKey.id]);
    const { entry } = await t.app.services.ledger.refund({
      userId: team,
      entryId: spent.id,
      reason: 'attribution test',
      idempotencyKey: randomUUID(),
      actor: { type: 'admin', id: owner.id },
    });
    const [refund] = await rowsOf('ledger_entry', `x.id = $1`, [entry.id]);
    expect(refund).toMatchObject({ type: 'refund', member_id: member.id, api_key_id: teamKey.id });
  });

  it('the per-minute limits count the person, not the team: another member is not slowed by them', async () => {
    // Both members act for the same team; their counters are their own (the rate-limit keys carry the person's id).
    const free = await newUser(t, admin, 'attr-free', TIER);
    const other = await makeTeam(t, admin, free, [], TIER);
    await grantTo(t, admin, other, 10_000_000n);
    ok(await t.gql(COMPLETE, { i: ASK }, free.token, { 'x-tollgate-account': other }), 'complete');
    const events = (await run(t, (c) => c.query(`select member_id from usage_event where user_id = $1`, [other]))).rows;
    expect(events.map((e) => e.member_id)).toEqual([free.id]);
  });
});

describe('key limits on /v1', () => {
  it("a cap refusal is a 403 in OpenAI's shape, naming the cap; nothing is held or charged", async () => {
    const user = await newUser(t, admin, 'attr-cap', TIER);
    await grantTo(t, admin, user.id, 10_000_000n);
    const key = await keyFor(t, user, ['completions']);
    await setKeyCap(t, key.id, user.id, 1n, 'week');
    const res = await v1('chat/completions', key.secret, { model: ASK.model, messages: [{ role: 'user', content: 'hi' }], max_tokens: 20 });
    expect(res.status).toBe(403);
    const body = (await res.json()) as { error: { type: string; code: string; message: string } };
    expect(body.error).toMatchObject({ type: 'permission_error', code: 'tier_limit_exceeded' });
    expect(body.error.message).toMatch(
      /^This call may cost up to [\d.]+ credits, more than the 0\.000001 left of this API key's spend cap of 0\.000001 credits per week; lower max_tokens, or wait until it resets at \d{4}-\d\d-\d\dT00:00:00Z$/,
    );
    expect(await rowsOf('credit_hold', `a.user_id = $1`, [user.id])).toHaveLength(0);
    // Over GraphQL the same refusal carries its numbers.
    const gql = await t.gql(COMPLETE, { i: ASK }, key.secret);
    expect(gql.errors?.[0]?.extensions).toMatchObject({
      code: 'TIER_LIMIT_EXCEEDED',
      limit: 'spend_cap',
      capScope: 'key',
      capMicro: '1',
      spentMicro: '0',
      period: 'week',
    });
  });

  it('a model outside the allow-list is MODEL_NOT_ALLOWED naming the allowed ones; auto answers from the list', async () => {
    const user = await newUser(t, admin, 'attr-models', TIER);
    await grantTo(t, admin, user.id, 10_000_000n);
    const key = await keyFor(t, user, ['completions']);
    await run(t, (c) => c.query(`update api_key set allowed_models = '{sandbox/echo}' where id = $1`, [key.id]));
    await t.app.services.principals.invalidate(user.id);
    const refused = await t.gql(COMPLETE, { i: { ...ASK, model: 'openai/gpt-4o-mini' } }, key.secret);
    expect(errorCode(refused)).toBe('MODEL_NOT_ALLOWED');
    expect(refused.errors![0]!.extensions).toMatchObject({ model: 'openai/gpt-4o-mini', allowedModels: ['sandbox/echo'] });
    expect(refused.errors![0]!.message).toContain('sandbox/echo');
    const embed = await v1('embeddings', key.secret, { model: 'sandbox/embed', input: 'no' });
    expect(embed.status).toBe(403);
    expect(ok(await t.gql(COMPLETE, { i: { ...ASK, model: 'auto' } }, key.secret), 'complete').model).toBe('sandbox/echo');
    expect(await rowsOf('ledger_entry', `a.user_id = $1 and x.type = 'usage'`, [user.id])).toHaveLength(1);
    // /v1/models lists only what the key may call; a model outside the list is not found.
    const listed = (await (await fetch(`${t.url}/v1/models`, { headers: { authorization: `Bearer ${key.secret}` } })).json()) as { data: { id: string }[] };
    expect(listed.data.map((m) => m.id)).toEqual(['sandbox/echo']);
    const outside = await fetch(`${t.url}/v1/models/sandbox/embed`, { headers: { authorization: `Bearer ${key.secret}` } });
    expect(outside.status).toBe(404);
  });

  it('an expired key is refused; a call that was admitted before its expiry settles normally', async () => {
    const user = await newUser(t, admin, 'attr-expiry', TIER);
    await grantTo(t, admin, user.id, 10_000_000n);
    const key = await keyFor(t, user, ['completions']);
    // Admitted while valid, then the key expires before the call settles: nothing after authentication reads the expiry.
    const call = t.gql(COMPLETE, { i: ASK }, key.secret);
    await run(t, (c) => c.query(`update api_key set expires_at = now() - interval '1 second' where id = $1`, [key.id]));
    await t.app.services.principals.invalidate(user.id);
    const first = await call;
    if (!first.errors) expect((await rowsOf('credit_hold', `a.user_id = $1`, [user.id])).map((h) => h.status)).toEqual(['settled']);
    else expect(errorCode(first)).toBe('UNAUTHENTICATED');
    const refused = await t.gql(COMPLETE, { i: ASK }, key.secret);
    expect(errorCode(refused)).toBe('UNAUTHENTICATED');
    expect(refused.errors![0]!.message).toBe('API key has expired');
    expect((await rowsOf('credit_hold', `a.user_id = $1 and x.status = 'active'`, [user.id])).length).toBe(0);
    expect((await ledgerAudit(t, admin)).violations).toEqual([]);
  });
});
