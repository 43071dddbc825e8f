/**
 * Spend caps under concurrency (issue 15): 200 concurrent completions on a key with a cap of 10
 * credits, and on a team member's cap across two keys and a session, never spend more than the cap,
 * and spend as much of it as whole calls can. Real server, real PostgreSQL and Redis, real HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GqlResult, TestApp } from '../../../test-support/app.js';
import { COMPLETE, keyFor, ledgerAudit, newUser, ok, signInAdmin, startGatewayApp } from './support.js';
import { ASK, CAP, grantTo, makeTeam, moveKey, outcome, run, setKeyCap, setMemberCap, spentBy, worstCase } from './caps-support.js';

const CALLS = 200;
const TIER = 'starter';

let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await startGatewayApp('caps');
  admin = await signInAdmin(t);
  // The per-minute limit would refuse most of the burst before the hold is reached: lift it.
  ok(
    await t.gql(`mutation($c: String!) { adminUpdateTier(code: $c, input: { requestsPerMinute: 100000 }) { requestsPerMinute } }`, { c: TIER }, admin),
    'adminUpdateTier',
  );
});
afterAll(async () => {
  await t?.stop();
});

/** Checks a burst against the cap: never above it, and short of it by less than one more call. */
function expectCapHeld(results: GqlResult[], each: bigint, spent: bigint) {
  const { successes, failures } = outcome(results);
  expect(successes.every((c) => c === each)).toBe(true);
  expect(failures.map((f) => f.extensions?.code)).toEqual(failures.map(() => 'TIER_LIMIT_EXCEEDED'));
  expect(failures.every((f) => f.extensions?.limit === 'spend_cap')).toBe(true);
  expect(spent).toBe(BigInt(successes.length) * each);
  expect(spent).toBeLessThanOrEqual(CAP);
  expect(CAP - spent).toBeLessThan(each); // as much as possible was spent: one more call would pass the cap
  expect(successes.length).toBe(Number(CAP / each));
  return { successes, failures };
}

describe('a spend cap under 200 concurrent calls', () => {
  it('a key capped at 10 credits a day never spends more than 10', async () => {
    const user = await newUser(t, admin, 'caps-key', TIER);
    await grantTo(t, admin, user.id, 1_000_000_000n);
    const key = await keyFor(t, user, ['completions']);
    await setKeyCap(t, key.id, user.id, CAP, 'day');
    const each = await worstCase(t, user.token);
    expect(CAP / each).toBeGreaterThan(5n);
    expect(CAP / each).toBeLessThan(BigInt(CALLS) / 2n);
    const results = await Promise.all(Array.from({ length: CALLS }, () => t.gql(COMPLETE, { i: ASK }, key.secret)));
    const { failures } = expectCapHeld(results, each, await spentBy(t, { apiKeyId: key.id }));
    expect(failures[0]!.message).toMatch(/this API key's spend cap of 10\.00 credits per day(;| is reached;) .*resets at \d{4}-\d\d-\d\dT00:00:00Z$/i);
    expect(failures[0]!.extensions).toMatchObject({ capScope: 'key', capMicro: CAP.toString(), period: 'day' });
    // Nothing is left held, and the user's own session (no key, no cap) still spends.
    const held = await run(t, (c) => c.query(`select count(*)::int as n from credit_hold where api_key_id = $1 and status = 'active'`, [key.id]));
    expect(held.rows[0].n).toBe(0);
    ok(await t.gql(COMPLETE, { i: ASK }, user.token), 'complete');
    expect((await ledgerAudit(t, admin)).violations).toEqual([]);
  });

  it("a member capped at 10 credits on a team, across two keys and a session, never spends more than 10 of the team's credit", async () => {
    const owner = await newUser(t, admin, 'caps-owner', TIER);
    const member = await newUser(t, admin, 'caps-member', TIER);
    const team = await makeTeam(t, admin, owner, [member], TIER);
    await grantTo(t, admin, team, 1_000_000_000n);
    const keys = [await keyFor(t, member, ['completions']), await keyFor(t, member, ['completions'])];
    for (const k of keys) await moveKey(t, k.id, team, member.id);
    await setMemberCap(t, team, member.id, CAP, 'month');
    const acting = { 'x-tollgate-account': team };
    const each = await worstCase(t, member.token, acting);
    const call = (i: number) => (i % 3 === 2 ? t.gql(COMPLETE, { i: ASK }, member.token, acting) : t.gql(COMPLETE, { i: ASK }, keys[i % 3]!.secret));
    const results = await Promise.all(Array.from({ length: CALLS }, (_, i) => call(i)));
    const { failures } = expectCapHeld(results, each, await spentBy(t, { memberId: member.id, accountUserId: team }));
    expect(failures[0]!.extensions).toMatchObject({ capScope: 'member', period: 'month' });
    expect(failures[0]!.message).toMatch(/your spend cap on this team of 10\.00 credits per month(;| is reached;) .*resets at/i);
    // The owner (no cap) still spends from the same pool.
    ok(await t.gql(COMPLETE, { i: ASK }, owner.token, acting), 'complete');
    expect((await ledgerAudit(t, admin)).violations).toEqual([]);
  });
});
