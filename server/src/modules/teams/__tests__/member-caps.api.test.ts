import { randomUUID } from 'node:crypto';
import { formatCredits, MAX_CREDIT_AMOUNT_MICRO, periodStart } from '@tollgate/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, type GqlResult, type TestApp } from '../../../test-support/app.js';
import { withClient } from '../../../test-support/database.js';
import { extensionsOf, makeKey, MEMBER_CAPS, micro, refund, SET_MEMBER_CAP, spendOnce, spendToCap, sumOf } from '../../auth/__tests__/key-limits-support.js';
import { ledgerAudit, ok, signInAdmin, startGatewayApp } from '../../gateway/__tests__/support.js';
import { acting, createTeam, join, person, type Person } from './teams-support.js';

/**
 * Per-member caps (docs/decisions/0060-key-limits-api.md): who may set and read them (owner, admin,
 * member, non-member, another team's owner, keys), validation with nothing written, and the
 * member's period spend read as the cap enforcement counts it.
 */
let t: TestApp;
let admin: string;
let owner: Person, adminP: Person, member: Person, member2: Person, outsider: Person, otherOwner: Person;
let team: string;
let otherTeam: string;

beforeAll(async () => {
  t = await startGatewayApp('member-caps');
  admin = await signInAdmin(t);
  [owner, adminP, member, member2, outsider, otherOwner] = await Promise.all(['mc-o', 'mc-a', 'mc-m', 'mc-m2', 'mc-x', 'mc-p'].map((tag) => person(t, tag)));
  team = (await createTeam(t, owner, 'Caps')).id;
  await join(t, team, owner, adminP, 'ADMIN');
  await join(t, team, owner, member, 'MEMBER');
  await join(t, team, owner, member2, 'MEMBER');
  otherTeam = (await createTeam(t, otherOwner, 'Other caps')).id;
});
afterAll(async () => {
  await t?.stop();
});

const caps = () =>
  withClient(
    t.databaseUrl,
    async (c) => (await c.query('select user_id, cap_micro, cap_period from team_member where team_id = $1 order by user_id', [team])).rows,
  );
const capOf = (userId: string, limit: string | null, period = 'DAY') => ({ i: { teamId: team, userId, cap: limit === null ? null : { limit, period } } });
const rowsOf = (res: GqlResult) => ok(res, 'teamMemberCaps') as { userId: string; cap: { limit: string } | null }[];

describe('setTeamMemberCap: who may', () => {
  it('an owner caps a member: the row is written and the answer carries the cap and its period spend', async () => {
    const set = ok(await t.gql(SET_MEMBER_CAP, capOf(member.id, '7.5', 'WEEK'), owner.token), 'setTeamMemberCap');
    expect(set).toMatchObject({
      userId: member.id,
      email: member.email,
      role: 'MEMBER',
      cap: { limit: '7.500000', period: 'WEEK' },
      capSpend: { spent: '0.000000', remaining: '7.500000', periodStart: periodStart('week', new Date()).toISOString() },
      spentThisMonth: '0.000000',
    });
    expect((await caps()).find((r) => r.user_id === member.id)).toMatchObject({ cap_micro: '7500000', cap_period: 'week' });
  });

  it('an admin caps a member and themselves, not an owner; an owner caps an owner; a null cap clears', async () => {
    ok(await t.gql(SET_MEMBER_CAP, capOf(member2.id, '3'), adminP.token), 'setTeamMemberCap');
    ok(await t.gql(SET_MEMBER_CAP, capOf(adminP.id, '9'), adminP.token), 'setTeamMemberCap');
    const before = await caps();
    expect(errorCode(await t.gql(SET_MEMBER_CAP, capOf(owner.id, '1'), adminP.token))).toBe('FORBIDDEN');
    expect(await caps()).toEqual(before);
    ok(await t.gql(SET_MEMBER_CAP, capOf(owner.id, '50', 'MONTH'), owner.token), 'setTeamMemberCap');
    const cleared = ok(await t.gql(SET_MEMBER_CAP, capOf(member2.id, null), owner.token), 'setTeamMemberCap');
    expect(cleared).toMatchObject({ cap: null, capSpend: null });
    expect((await caps()).find((r) => r.user_id === member2.id)).toMatchObject({ cap_micro: null, cap_period: null });
  });

  it('a member cannot set any cap, their own included; outsiders and other teams are told nothing; keys cannot; nothing is written', async () => {
    const before = await caps();
    const refused: [string, Record<string, unknown>, string, Record<string, string>, string][] = [
      ['member raises own cap', capOf(member.id, '1000'), member.token, acting(team), 'FORBIDDEN'],
      ['member clears own cap', capOf(member.id, null), member.token, {}, 'FORBIDDEN'],
      ['member caps another', capOf(member2.id, '1'), member.token, {}, 'FORBIDDEN'],
      ['outsider', capOf(member.id, '1'), outsider.token, {}, 'NOT_FOUND'],
      ['other team owner', capOf(member.id, '1'), otherOwner.token, {}, 'NOT_FOUND'],
      ['not a member', capOf(outsider.id, '1'), owner.token, {}, 'NOT_FOUND'],
      ['unknown team', { i: { teamId: randomUUID(), userId: member.id, cap: null } }, owner.token, {}, 'NOT_FOUND'],
      ['bad team id', { i: { teamId: 'nope', userId: member.id, cap: null } }, owner.token, {}, 'NOT_FOUND'],
      ['bad user id', { i: { teamId: team, userId: 'nope', cap: null } }, owner.token, {}, 'NOT_FOUND'],
      ['too large', capOf(member.id, formatCredits(MAX_CREDIT_AMOUNT_MICRO + 1n)), owner.token, {}, 'BAD_USER_INPUT'],
      ['negative', capOf(member.id, '-1'), owner.token, {}, 'BAD_USER_INPUT'],
      ['bad period', capOf(member.id, '1', 'YEAR'), owner.token, {}, 'BAD_USER_INPUT'],
    ];
    for (const [what, vars, token, headers, code] of refused) expect(errorCode(await t.gql(SET_MEMBER_CAP, vars, token, headers)), what).toBe(code);
    const key = await makeKey(t, owner.token, {}, team);
    expect(errorCode(await t.gql(SET_MEMBER_CAP, capOf(member.id, '1'), key.secret))).toBe('FORBIDDEN');
    expect(await caps()).toEqual(before);
  });
});

describe('teamMemberCaps: who sees what', () => {
  it('owners and admins see every member; a member only their own row; outsiders, other teams and personal keys NOT_FOUND', async () => {
    const everyone = [owner.id, adminP.id, member.id, member2.id].sort();
    expect(
      rowsOf(await t.gql(MEMBER_CAPS, { t: team }, owner.token))
        .map((r) => r.userId)
        .sort(),
    ).toEqual(everyone);
    expect(
      rowsOf(await t.gql(MEMBER_CAPS, { t: team }, adminP.token))
        .map((r) => r.userId)
        .sort(),
    ).toEqual(everyone);
    expect(rowsOf(await t.gql(MEMBER_CAPS, { t: team }, member.token)).map((r) => r.userId)).toEqual([member.id]);
    const teamKey = await makeKey(t, member.token, {}, team);
    expect(rowsOf(await t.gql(MEMBER_CAPS, { t: team }, teamKey.secret)).map((r) => r.userId)).toEqual([member.id]);
    const personalKey = await makeKey(t, owner.token);
    for (const [who, credential] of [
      ['outsider', outsider.token],
      ['other owner', otherOwner.token],
      ['personal key', personalKey.secret],
    ]) {
      expect(errorCode(await t.gql(MEMBER_CAPS, { t: team }, credential)), who).toBe('NOT_FOUND');
    }
    expect(errorCode(await t.gql(MEMBER_CAPS, { t: otherTeam }, owner.token))).toBe('NOT_FOUND');
    expect(errorCode(await t.gql(MEMBER_CAPS, { t: 'not-a-team' }, owner.token))).toBe('NOT_FOUND');
  });
});

describe("a member's period spend", () => {
  it('equals what the member cap enforcement counts, after completions and a refund; spentThisMonth counts the same', async () => {
    const grant = { userId: team, amount: '100', reason: 'member caps test', idempotencyKey: randomUUID() };
    ok(await t.gql(`mutation($i: AdminCreditInput!) { adminGrantCredits(input: $i) { id } }`, { i: grant }, admin), 'adminGrantCredits');
    const probe = await spendOnce(t, owner.token, acting(team));
    if (!('charged' in probe)) throw new Error(`probe refused: ${JSON.stringify(probe.refused.errors)}`);
    const cap = probe.charged * 6n;
    ok(await t.gql(SET_MEMBER_CAP, capOf(member2.id, formatCredits(cap)), owner.token), 'setTeamMemberCap');
    const key = await makeKey(t, member2.token, {}, team);
    // Spent by session and by key alike: both are the member's.
    const bySession = await spendOnce(t, member2.token, acting(team));
    if (!('charged' in bySession)) throw new Error(`session call refused: ${JSON.stringify(bySession.refused.errors)}`);
    const { charges, refusal } = await spendToCap(t, key.secret);
    expect(errorCode(refusal), JSON.stringify(refusal.errors)).toBe('TIER_LIMIT_EXCEEDED');
    expect(extensionsOf(refusal)).toMatchObject({ limit: 'spend_cap', capScope: 'member', capMicro: cap.toString(), period: 'day' });
    const spent = bySession.charged + sumOf(charges);
    const row = () => t.gql(MEMBER_CAPS, { t: team }, member2.token).then((r) => rowsOf(r)[0] as any);
    let mine = await row();
    expect(micro(mine.capSpend.spent)).toBe(spent);
    expect(BigInt(extensionsOf(refusal).spentMicro)).toBe(spent);
    expect(micro(mine.capSpend.remaining)).toBe(cap - spent);
    expect(micro(mine.spentThisMonth)).toBe(spent);

    const entry = await withClient(
      t.databaseUrl,
      async (c) =>
        (await c.query(`select id, -amount as amount from ledger_entry where member_id = $1 and type = 'usage' order by seq desc limit 1`, [member2.id]))
          .rows[0],
    );
    const refunded = await refund(t, admin, team, entry.id, formatCredits(BigInt(entry.amount)));
    mine = await row();
    expect(micro(mine.capSpend.spent)).toBe(spent - refunded);
    expect(micro(mine.spentThisMonth)).toBe(spent - refunded);
    const again = await spendToCap(t, key.secret);
    mine = await row();
    expect(BigInt(extensionsOf(again.refusal).spentMicro)).toBe(micro(mine.capSpend.spent));
    // The owner's list shows the same spend for the member, in the same one statement as everyone's.
    const listed = rowsOf(await t.gql(MEMBER_CAPS, { t: team }, owner.token)).find((r) => r.userId === member2.id) as any;
    expect(listed.capSpend.spent).toBe(mine.capSpend.spent);
  });

  it('ledgerAudit is clean', async () => {
    expect((await ledgerAudit(t, admin)).violations).toEqual([]);
  });
});
