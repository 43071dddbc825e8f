import { formatCredits, MAX_CREDIT_AMOUNT_MICRO, periodReset, periodStart } from '@tollgate/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, type GqlResult, type TestApp } from '../../../test-support/app.js';
import { withClient } from '../../../test-support/database.js';
import { ledgerAudit, ok, signInAdmin, startGatewayApp } from '../../gateway/__tests__/support.js';
import { acting, createTeam, join, person, type Person } from '../../teams/__tests__/teams-support.js';
import { MAX_ACTIVE_KEYS_PER_USER } from '../api-key.service.js';
import { API_KEYS, CREATE_KEY, makeKey, REVOKE, SET_LIMITS } from './key-limits-support.js';

/**
 * API keys on an account with limits (docs/decisions/0060-key-limits-api.md): created on the acting
 * account, listed per role, their cap / expiry / model allow-list validated, replaced by
 * setApiKeyLimits, and changed or revoked only by whom the authorization matrix allows, with
 * nothing written on a refusal.
 */
let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await startGatewayApp('key-limits');
  admin = await signInAdmin(t);
});
afterAll(async () => {
  await t?.stop();
});

const inAnHour = () => new Date(Date.now() + 3600_000).toISOString();
const keyRow = (id: string) =>
  withClient(
    t.databaseUrl,
    async (c) =>
      (await c.query('select user_id, account_id, cap_micro, cap_period, expires_at, allowed_models, revoked_at from api_key where id = $1', [id])).rows[0],
  );
const keyCount = (userId: string) =>
  withClient(t.databaseUrl, async (c) => Number((await c.query('select count(*) from api_key where user_id = $1', [userId])).rows[0].count));
const ids = (res: GqlResult) => (ok(res, 'apiKeys') as { id: string }[]).map((k) => k.id).sort();

describe('personal keys with limits', () => {
  it('creates a key with a cap, expiry and allow-list on the own account; capSpend starts at 0 in the current UTC period', async () => {
    const p = await person(t, 'kl-personal');
    const expiresAt = inAnHour();
    const key = await makeKey(t, p.token, { cap: { limit: '2.5', period: 'WEEK' }, expiresAt, allowedModels: ['sandbox/echo', 'sandbox/echo'] });
    const now = new Date();
    expect(key.apiKey).toMatchObject({
      accountId: p.id,
      ownerEmail: p.email,
      cap: { limit: '2.500000', period: 'WEEK' },
      expiresAt: new Date(expiresAt).toISOString(),
      allowedModels: ['sandbox/echo'],
      capSpend: {
        spent: '0.000000',
        remaining: '2.500000',
        periodStart: periodStart('week', now).toISOString(),
        resetsAt: periodReset('week', now).toISOString(),
      },
    });
    expect(await keyRow(key.id)).toMatchObject({ user_id: p.id, account_id: p.id, cap_micro: '2500000', cap_period: 'week', allowed_models: ['sandbox/echo'] });
  });

  it('refuses bad limits with BAD_USER_INPUT and writes no key', async () => {
    const p = await person(t, 'kl-bad');
    const tooMuch = formatCredits(MAX_CREDIT_AMOUNT_MICRO + 1n);
    const bad: Record<string, unknown>[] = [
      { cap: { limit: '-1', period: 'DAY' } },
      { cap: { limit: tooMuch, period: 'DAY' } },
      { cap: { limit: '1', period: 'YEAR' } },
      { cap: { limit: '1' } },
      { expiresAt: new Date(Date.now() - 1000).toISOString() },
      { expiresAt: new Date(Date.now() + 11 * 366 * 86400_000).toISOString() },
      { expiresAt: 'tomorrow' },
      { allowedModels: [] },
      { allowedModels: ['no-such/model'] },
      { allowedModels: Array.from({ length: 51 }, () => 'sandbox/echo') },
    ];
    for (const extra of bad) {
      const res = await t.gql(CREATE_KEY, { i: { name: 'bad', scopes: ['read'], ...extra } }, p.token);
      expect(errorCode(res), JSON.stringify(extra)).toBe('BAD_USER_INPUT');
    }
    expect(await keyCount(p.id)).toBe(0);
    // The largest cap is accepted, and a cap of 0 (the key may spend nothing).
    await makeKey(t, p.token, { cap: { limit: formatCredits(MAX_CREDIT_AMOUNT_MICRO), period: 'MONTH' } });
    await makeKey(t, p.token, { cap: { limit: '0', period: 'DAY' } });
  });

  it('setApiKeyLimits replaces all three (null clears) for the owner; others get NOT_FOUND, keys FORBIDDEN, and nothing changes', async () => {
    const p = await person(t, 'kl-set');
    const other = await person(t, 'kl-set-other');
    const key = await makeKey(t, p.token, { cap: { limit: '1', period: 'DAY' }, allowedModels: ['sandbox/echo'] });
    const set = ok(await t.gql(SET_LIMITS, { i: { id: key.id, cap: { limit: '3', period: 'MONTH' } } }, p.token), 'setApiKeyLimits');
    expect(set).toMatchObject({ cap: { limit: '3.000000', period: 'MONTH' }, allowedModels: null, expiresAt: null });
    expect(set.capSpend.remaining).toBe('3.000000');
    const before = await keyRow(key.id);
    expect(errorCode(await t.gql(SET_LIMITS, { i: { id: key.id, cap: null } }, other.token))).toBe('NOT_FOUND');
    expect(errorCode(await t.gql(SET_LIMITS, { i: { id: key.id } }, key.secret))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(SET_LIMITS, { i: { id: 'not-a-uuid' } }, p.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(SET_LIMITS, { i: { id: '00000000-0000-4000-8000-000000000000' } }, p.token))).toBe('NOT_FOUND');
    expect(errorCode(await t.gql(SET_LIMITS, { i: { id: key.id, allowedModels: ['nope/nope'] } }, p.token))).toBe('BAD_USER_INPUT');
    expect(await keyRow(key.id)).toEqual(before);
    const cleared = ok(await t.gql(SET_LIMITS, { i: { id: key.id, cap: null, expiresAt: null, allowedModels: null } }, p.token), 'setApiKeyLimits');
    expect(cleared).toMatchObject({ cap: null, capSpend: null, expiresAt: null, allowedModels: null });
    ok(await t.gql(REVOKE, { id: key.id }, p.token), 'revokeApiKey');
    expect(errorCode(await t.gql(SET_LIMITS, { i: { id: key.id } }, p.token))).toBe('BAD_USER_INPUT');
  });
});

describe('team keys: the authorization matrix', () => {
  let owner: Person, adminP: Person, member: Person, outsider: Person, otherOwner: Person;
  let team: string;
  beforeAll(async () => {
    [owner, adminP, member, outsider, otherOwner] = await Promise.all(['kl-o', 'kl-a', 'kl-m', 'kl-x', 'kl-p'].map((tag) => person(t, tag)));
    team = (await createTeam(t, owner, 'Key limits')).id;
    await join(t, team, owner, adminP, 'ADMIN');
    await join(t, team, owner, member, 'MEMBER');
    await createTeam(t, otherOwner, 'Other');
  });

  it('a key made acting for the team belongs to the team; owners and admins list every team key, a member only their own', async () => {
    const oKey = await makeKey(t, owner.token, {}, team);
    const aKey = await makeKey(t, adminP.token, {}, team);
    const mKey = await makeKey(t, member.token, { cap: { limit: '1', period: 'DAY' } }, team);
    const mPersonal = await makeKey(t, member.token);
    expect(mKey.apiKey).toMatchObject({ accountId: team, ownerEmail: member.email, cap: { limit: '1.000000', period: 'DAY' } });
    expect(mPersonal.apiKey.accountId).toBe(member.id);
    const all = [oKey.id, aKey.id, mKey.id].sort();
    expect(ids(await t.gql(API_KEYS, {}, owner.token, acting(team)))).toEqual(expect.arrayContaining(all));
    expect(ids(await t.gql(API_KEYS, {}, adminP.token, acting(team)))).toEqual(expect.arrayContaining(all));
    const memberList = ids(await t.gql(API_KEYS, {}, member.token, acting(team)));
    expect(memberList).toContain(mKey.id);
    expect(memberList).not.toContain(oKey.id);
    expect(memberList).not.toContain(aKey.id);
    // The team key lists its own account: a member's key sees the member's keys only.
    expect(ids(await t.gql(API_KEYS, {}, mKey.secret))).not.toContain(oKey.id);
    expect(ids(await t.gql(API_KEYS, {}, member.token))).toEqual([mPersonal.id]);
    expect(errorCode(await t.gql(API_KEYS, {}, outsider.token, acting(team)))).toBe('FORBIDDEN');
    expect(ids(await t.gql(API_KEYS, {}, otherOwner.token))).not.toContain(mKey.id);
    // The owner's listing names each key's owner.
    const listed = ok(await t.gql(API_KEYS, {}, owner.token, acting(team)), 'apiKeys') as { id: string; ownerEmail: string }[];
    expect(listed.find((k) => k.id === mKey.id)?.ownerEmail).toBe(member.email);
  });

  it("setApiKeyLimits on a member's team key: owner and admin may, the member is FORBIDDEN, outsiders NOT_FOUND; nothing written when refused", async () => {
    const mKey = await makeKey(t, member.token, { cap: { limit: '1', period: 'DAY' } }, team);
    const raise = { i: { id: mKey.id, cap: { limit: '100', period: 'DAY' } } };
    const before = await keyRow(mKey.id);
    expect(errorCode(await t.gql(SET_LIMITS, raise, member.token, acting(team)))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(SET_LIMITS, raise, member.token))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(SET_LIMITS, { i: { id: mKey.id, cap: null } }, member.token, acting(team)))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(SET_LIMITS, raise, outsider.token))).toBe('NOT_FOUND');
    expect(errorCode(await t.gql(SET_LIMITS, raise, otherOwner.token))).toBe('NOT_FOUND');
    expect(await keyRow(mKey.id)).toEqual(before);
    ok(await t.gql(SET_LIMITS, { i: { id: mKey.id, cap: { limit: '5', period: 'WEEK' } } }, adminP.token, acting(team)), 'setApiKeyLimits');
    expect((await keyRow(mKey.id)).cap_micro).toBe('5000000');
    ok(await t.gql(SET_LIMITS, raise, owner.token, acting(team)), 'setApiKeyLimits');
    expect(await keyRow(mKey.id)).toMatchObject({ cap_micro: '100000000', cap_period: 'day' });
  });

  it("an admin cannot change or revoke an owner's key; the owner can change an admin's", async () => {
    const oKey = await makeKey(t, owner.token, {}, team);
    const aKey = await makeKey(t, adminP.token, {}, team);
    expect(errorCode(await t.gql(SET_LIMITS, { i: { id: oKey.id, cap: { limit: '1', period: 'DAY' } } }, adminP.token, acting(team)))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(REVOKE, { id: oKey.id }, adminP.token, acting(team)))).toBe('FORBIDDEN');
    expect(await keyRow(oKey.id)).toMatchObject({ cap_micro: null, revoked_at: null });
    ok(await t.gql(SET_LIMITS, { i: { id: aKey.id, allowedModels: ['sandbox/echo'] } }, owner.token, acting(team)), 'setApiKeyLimits');
    expect((await keyRow(aKey.id)).allowed_models).toEqual(['sandbox/echo']);
  });

  it("revoking: the key's owner or a team manager; a member or an outsider cannot touch another's key (NOT_FOUND)", async () => {
    const aKey = await makeKey(t, adminP.token, {}, team);
    const mKey = await makeKey(t, member.token, {}, team);
    const mKey2 = await makeKey(t, member.token, {}, team);
    expect(errorCode(await t.gql(REVOKE, { id: aKey.id }, member.token, acting(team)))).toBe('NOT_FOUND');
    expect(errorCode(await t.gql(REVOKE, { id: mKey.id }, outsider.token))).toBe('NOT_FOUND');
    expect(errorCode(await t.gql(REVOKE, { id: mKey.id }, otherOwner.token))).toBe('NOT_FOUND');
    expect(errorCode(await t.gql(REVOKE, { id: mKey.id }, mKey2.secret))).toBe('FORBIDDEN');
    expect((await keyRow(aKey.id)).revoked_at).toBeNull();
    expect((await keyRow(mKey.id)).revoked_at).toBeNull();
    ok(await t.gql(REVOKE, { id: mKey.id }, adminP.token, acting(team)), 'revokeApiKey');
    ok(await t.gql(REVOKE, { id: mKey2.id }, member.token), 'revokeApiKey'); // their own, from any acting account
    expect(errorCode(await t.gql('{ creditBalance { balance } }', {}, mKey.secret))).toBe('UNAUTHENTICATED');
    // Idempotent for whom may revoke.
    expect(ok(await t.gql(REVOKE, { id: mKey.id }, owner.token, acting(team)), 'revokeApiKey').revokedAt).not.toBeNull();
  });

  it('an outsider cannot create a key on the team; a key is never created for a team by an API key', async () => {
    const before = await keyCount(outsider.id);
    expect(errorCode(await t.gql(CREATE_KEY, { i: { name: 'x', scopes: ['read'] } }, outsider.token, acting(team)))).toBe('FORBIDDEN');
    expect(await keyCount(outsider.id)).toBe(before);
    const mKey = await makeKey(t, member.token, {}, team);
    expect(errorCode(await t.gql(CREATE_KEY, { i: { name: 'x', scopes: ['read'] } }, mKey.secret))).toBe('FORBIDDEN');
  });

  it('counts the active-key bound per owner per account: 50 personal keys leave room on the team, and the 51st is refused', async () => {
    const p = await person(t, 'kl-bound');
    await join(t, team, owner, p, 'MEMBER');
    await Promise.all(Array.from({ length: MAX_ACTIVE_KEYS_PER_USER }, () => makeKey(t, p.token, { scopes: ['read'] })));
    const refused = await t.gql(CREATE_KEY, { i: { name: 'one too many', scopes: ['read'] } }, p.token);
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    expect(await keyCount(p.id)).toBe(MAX_ACTIVE_KEYS_PER_USER);
    expect((await makeKey(t, p.token, {}, team)).apiKey.accountId).toBe(team);
  });

  it('ledgerAudit is clean', async () => {
    expect((await ledgerAudit(t, admin)).violations).toEqual([]);
  });
});
