import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from '../../../test-support/app.js';
import { ledgerAudit, ok, signInAdmin } from '../../gateway/__tests__/support.js';
import { acting, createTeam, join, person } from '../../teams/__tests__/teams-support.js';
import { extensionsOf, makeKey, SET_LIMITS, SET_MEMBER_CAP, spendOnce } from './key-limits-support.js';

/**
 * A key's limits and a member's cap live in the cached principal (docs/decisions/0034-principal-cache.md):
 * a change made on server A holds from the very next request on server B, however warm B's cache is.
 */
const redisUrl = inject('redisUrl');
let a: TestApp;
let b: TestApp;
let admin: string;

beforeAll(async () => {
  if (!redisUrl) return;
  const env = { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: `t-key-limits-${process.pid}-${randomUUID().slice(0, 8)}:` };
  a = await startTestApp(env);
  b = await startTestApp(env, { databaseUrl: a.databaseUrl });
  admin = await signInAdmin(a);
});
afterAll(async () => {
  await b?.stop();
  await a?.stop();
});

/** Calls on B until the credential's principal is cached there; each must succeed. */
async function warm(credential: string, headers: Record<string, string> = {}) {
  for (let i = 0; i < 3; i += 1) {
    const r = await spendOnce(b, credential, headers);
    if ('refused' in r) throw new Error(`warm-up refused: ${JSON.stringify(r.refused.errors)}`);
  }
}

describe.skipIf(!redisUrl)('limits changed on A hold at the next request on B', () => {
  it("a key's model allow-list, then its cap", async () => {
    const p = await person(a, 'kr-key');
    const key = await makeKey(a, p.token);
    await warm(key.secret);

    ok(await a.gql(SET_LIMITS, { i: { id: key.id, allowedModels: ['openai/gpt-4o-mini'] } }, p.token), 'setApiKeyLimits');
    const notAllowed = await spendOnce(b, key.secret);
    expect('refused' in notAllowed && errorCode(notAllowed.refused)).toBe('MODEL_NOT_ALLOWED');

    ok(await a.gql(SET_LIMITS, { i: { id: key.id, allowedModels: ['sandbox/echo'] } }, p.token), 'setApiKeyLimits');
    await warm(key.secret);
    ok(await a.gql(SET_LIMITS, { i: { id: key.id, cap: { limit: '0', period: 'DAY' }, allowedModels: ['sandbox/echo'] } }, p.token), 'setApiKeyLimits');
    const capped = await spendOnce(b, key.secret);
    expect('refused' in capped && errorCode(capped.refused)).toBe('TIER_LIMIT_EXCEEDED');
    if ('refused' in capped) expect(extensionsOf(capped.refused)).toMatchObject({ capScope: 'key', capMicro: '0' });

    ok(await a.gql(SET_LIMITS, { i: { id: key.id } }, p.token), 'setApiKeyLimits');
    expect('charged' in (await spendOnce(b, key.secret))).toBe(true);
  });

  it("a member's cap set by the team's owner on A refuses the member's next call on B, by team key and by session", async () => {
    const owner = await person(a, 'kr-owner');
    const member = await person(a, 'kr-member');
    const team = (await createTeam(a, owner, 'Replicas')).id;
    await join(a, team, owner, member, 'MEMBER');
    const grant = { userId: team, amount: '50', reason: 'replica caps test', idempotencyKey: randomUUID() };
    ok(await a.gql(`mutation($i: AdminCreditInput!) { adminGrantCredits(input: $i) { id } }`, { i: grant }, admin), 'adminGrantCredits');
    const key = await makeKey(a, member.token, {}, team);
    await warm(key.secret);
    await warm(member.token, acting(team));

    ok(await a.gql(SET_MEMBER_CAP, { i: { teamId: team, userId: member.id, cap: { limit: '0', period: 'MONTH' } } }, owner.token), 'setTeamMemberCap');
    for (const [credential, headers] of [
      [key.secret, {}],
      [member.token, acting(team)],
    ] as const) {
      const r = await spendOnce(b, credential, headers);
      expect('refused' in r && errorCode(r.refused)).toBe('TIER_LIMIT_EXCEEDED');
      if ('refused' in r) expect(extensionsOf(r.refused)).toMatchObject({ capScope: 'member', period: 'month' });
    }
    // The owner, uncapped, still spends from the team.
    expect('charged' in (await spendOnce(b, owner.token, acting(team)))).toBe(true);
  });

  it('a key revoked by a team admin on A is refused on B at once', async () => {
    const owner = await person(a, 'kr-o2');
    const adminP = await person(a, 'kr-a2');
    const member = await person(a, 'kr-m2');
    const team = (await createTeam(a, owner, 'Revokes')).id;
    await join(a, team, owner, adminP, 'ADMIN');
    await join(a, team, owner, member, 'MEMBER');
    const key = await makeKey(a, member.token, { scopes: ['read'] }, team);
    for (let i = 0; i < 3; i += 1) expect((await b.gql('{ creditBalance { balance } }', {}, key.secret)).errors).toBeUndefined();
    ok(await a.gql('mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: key.id }, adminP.token, acting(team)), 'revokeApiKey');
    expect(errorCode(await b.gql('{ creditBalance { balance } }', {}, key.secret))).toBe('UNAUTHENTICATED');
  });

  it('ledgerAudit is clean', async () => {
    expect((await ledgerAudit(a, admin)).violations).toEqual([]);
  });
});
