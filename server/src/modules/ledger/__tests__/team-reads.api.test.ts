import { randomUUID } from 'node:crypto';
import { parseCredits } from '@tollgate/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type GqlResult, type TestApp } from '../../../test-support/app.js';
import { redisEnv } from '../../billing/__tests__/billing-support.js';
import { addMember, asTeam, makeTeam, teamKey, type Team } from '../../billing/__tests__/team-support.js';
import { COMPLETE, ledgerAudit, ok, signInAdmin } from '../../gateway/__tests__/support.js';
import { member, type Member } from '../../promotions/__tests__/gift-support.js';

const HISTORY = `query($m: ID, $k: ID, $types: [TransactionType!]) { creditTransactions(first: 100, memberId: $m, apiKeyId: $k, types: $types) {
  nodes { id type amount memberId memberEmail apiKeyId apiKeyName } totalCount } }`;
const BY_MEMBER = `{ usageByMember { userId email requests tokens cost } }`;

interface Entry {
  id: string;
  type: string;
  amount: string;
  memberId: string | null;
  memberEmail: string | null;
  apiKeyId: string | null;
  apiKeyName: string | null;
}

const history = (res: GqlResult): { nodes: Entry[]; totalCount: number } => ok(res, 'creditTransactions');

describe("a team's history and usage: filters by member and key, members see only their own, no one else sees any", () => {
  let t: TestApp;
  let admin: string;
  let owner: Member;
  let m1: Member;
  let m2: Member;
  let outsider: Member;
  let team: Team;
  let other: Team;
  let k1: { id: string; secret: string };
  let otherKey: { id: string; secret: string };
  /** What each call charged, by who made it. */
  const charged: Record<string, bigint[]> = {};

  const complete = async (token: string, who: string, headers: Record<string, string> = {}) => {
    const input = { model: 'sandbox/echo', prompt: `team call by ${who} ${randomUUID()}`, maxTokens: 16, useCache: false };
    const c = ok(await t.gql(COMPLETE, { i: input }, token, headers), 'complete');
    (charged[who] ??= []).push(parseCredits(c.charged));
  };

  beforeAll(async () => {
    t = await startTestApp(redisEnv('team-reads'));
    admin = await signInAdmin(t);
    [owner, m1, m2, outsider] = [await member(t, 'reads-owner'), await member(t, 'reads-m1'), await member(t, 'reads-m2'), await member(t, 'reads-out')];
    team = await makeTeam(t, owner);
    await addMember(t, team.id, m1, 'member');
    await addMember(t, team.id, m2, 'member');
    other = await makeTeam(t, outsider);
    for (const pool of [team, other]) {
      const grant = { userId: pool.id, amount: '100', reason: 'team reads setup', idempotencyKey: randomUUID() };
      ok(await t.gql(`mutation($i: AdminCreditInput!) { adminGrantCredits(input: $i) { id } }`, { i: grant }, admin), 'adminGrantCredits');
    }
    k1 = await teamKey(t, m1, team.id, 'm1 build key');
    otherKey = await teamKey(t, outsider, other.id, 'other team key');

    const actingA = { 'x-tollgate-account': team.id };
    await complete(m1.token, 'm1', actingA);
    await complete(m1.token, 'm1', actingA);
    await complete(k1.secret, 'm1-key');
    await complete(m2.token, 'm2', actingA);
    await complete(owner.token, 'owner', actingA);
    await complete(otherKey.secret, 'other');
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('an owner filters the history by member and by key; each entry names its member and key', async () => {
    const all = history(await asTeam(t, team.id, owner.token, HISTORY, { types: ['USAGE'] }));
    expect(all.totalCount).toBe(5);

    const byM1 = history(await asTeam(t, team.id, owner.token, HISTORY, { m: m1.id }));
    expect(byM1.totalCount).toBe(3);
    expect(byM1.nodes.every((e) => e.type === 'USAGE' && e.memberId === m1.id && e.memberEmail === m1.email)).toBe(true);
    expect(byM1.nodes.map((e) => parseCredits(e.amount.replace('-', ''))).sort()).toEqual([...charged.m1!, ...charged['m1-key']!].sort());

    const byKey = history(await asTeam(t, team.id, owner.token, HISTORY, { k: k1.id }));
    expect(byKey.nodes).toEqual([expect.objectContaining({ memberId: m1.id, apiKeyId: k1.id, apiKeyName: 'm1 build key' })]);
    const sessionCalls = byM1.nodes.filter((e) => e.apiKeyId === null);
    expect(sessionCalls).toHaveLength(2);
    expect(sessionCalls.every((e) => e.apiKeyName === null)).toBe(true);

    expect(history(await asTeam(t, team.id, owner.token, HISTORY, { m: m2.id, k: k1.id })).totalCount).toBe(0);
    expect(history(await asTeam(t, team.id, owner.token, HISTORY, { m: m2.id })).nodes).toEqual([
      expect.objectContaining({ memberId: m2.id, memberEmail: m2.email }),
    ]);
  });

  it("usageByMember splits the team's usage per member, costliest first, and adds up to the usage entries", async () => {
    const rows = ok<Array<{ userId: string; email: string; requests: number; tokens: number; cost: string }>>(
      await asTeam(t, team.id, owner.token, BY_MEMBER),
      'usageByMember',
    );
    const sum = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n);
    const byId = new Map(rows.map((r) => [r.userId, r]));
    expect(rows.map((r) => r.userId).sort()).toEqual([m1.id, m2.id, owner.id].sort());
    expect(byId.get(m1.id)).toMatchObject({ email: m1.email, requests: 3 });
    expect(parseCredits(byId.get(m1.id)!.cost)).toBe(sum([...charged.m1!, ...charged['m1-key']!]));
    expect(parseCredits(byId.get(m2.id)!.cost)).toBe(sum(charged.m2!));
    expect(byId.get(owner.id)).toMatchObject({ email: owner.email, requests: 1 });
    expect(rows.every((r) => r.tokens > 0)).toBe(true);
    const costs = rows.map((r) => parseCredits(r.cost));
    expect([...costs].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0))).toEqual(costs);
  });

  it('a plain member sees only their own entries and usage, whatever filter they pass', async () => {
    const own = history(await asTeam(t, team.id, m1.token, HISTORY, {}));
    expect(own.totalCount).toBe(3);
    expect(own.nodes.every((e) => e.memberId === m1.id)).toBe(true); // not the team's grant, not m2's or the owner's calls
    expect(
      history(await asTeam(t, team.id, m1.token, HISTORY, { m: m2.id }))
        .nodes.map((e) => e.id)
        .sort(),
    ).toEqual(own.nodes.map((e) => e.id).sort());
    expect(history(await asTeam(t, team.id, m2.token, HISTORY, { k: k1.id })).totalCount).toBe(0);
    // Through their team key, the member is still a member: their own entries only.
    expect(history(await t.gql(HISTORY, {}, k1.secret)).totalCount).toBe(3);

    expect(ok(await asTeam(t, team.id, m2.token, BY_MEMBER), 'usageByMember')).toEqual([expect.objectContaining({ userId: m2.id, requests: 1 })]);
  });

  it("the usage summary, by model and by day: the whole team's for an owner, a plain member's own for them", async () => {
    const USAGE = `{ usageSummary { requests credits } usageByModel { model requests } usageByDay { requests } }`;
    const sum = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n);
    const read = async (token: string) => {
      const d = (await asTeam(t, team.id, token, USAGE)).data!;
      const days = d.usageByDay.reduce((n: number, day: { requests: number }) => n + day.requests, 0);
      return { requests: d.usageSummary.requests, credits: parseCredits(d.usageSummary.credits), byModel: d.usageByModel, days };
    };
    const whole = await read(owner.token);
    expect(whole).toMatchObject({ requests: 5, days: 5, byModel: [{ model: 'sandbox/echo', requests: 5 }] });
    expect(whole.credits).toBe(sum([...charged.m1!, ...charged['m1-key']!, ...charged.m2!, ...charged.owner!]));
    const own = await read(m1.token);
    expect(own).toMatchObject({ requests: 3, days: 3, byModel: [{ model: 'sandbox/echo', requests: 3 }] });
    expect(own.credits).toBe(sum([...charged.m1!, ...charged['m1-key']!]));
    expect(await read(m2.token)).toMatchObject({ requests: 1, credits: sum(charged.m2!) });
  });

  it("a non-member acting for the team is FORBIDDEN; another team's key sees none of the team's data", async () => {
    for (const query of [HISTORY, BY_MEMBER, '{ creditBalance { balance } }']) {
      expect(errorCode(await asTeam(t, team.id, outsider.token, query))).toBe('FORBIDDEN');
    }
    const theirs = history(await t.gql(HISTORY, {}, otherKey.secret));
    const ours = history(await asTeam(t, team.id, owner.token, HISTORY, {}));
    expect(theirs.nodes.filter((e) => ours.nodes.some((o) => o.id === e.id))).toEqual([]);
    expect(theirs.nodes.map((e) => e.type).sort()).toEqual(['ADMIN_GRANT', 'USAGE']);
    expect(theirs.nodes.find((e) => e.type === 'USAGE')).toMatchObject({ memberId: outsider.id, apiKeyId: otherKey.id, apiKeyName: 'other team key' });
    expect(history(await t.gql(HISTORY, { m: m1.id }, otherKey.secret)).totalCount).toBe(0);
    expect(history(await t.gql(HISTORY, { k: k1.id }, otherKey.secret)).totalCount).toBe(0);
    expect(ok(await t.gql(BY_MEMBER, {}, otherKey.secret), 'usageByMember')).toEqual([expect.objectContaining({ userId: outsider.id })]);
    // Their own personal account has none of it either.
    expect(history(await t.gql(HISTORY, { types: ['USAGE'] }, m1.token)).totalCount).toBe(0);
  });

  it('a filter that is not an id is BAD_USER_INPUT', async () => {
    expect(errorCode(await asTeam(t, team.id, owner.token, HISTORY, { m: 'nope' }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await asTeam(t, team.id, owner.token, HISTORY, { k: "1'; drop table ledger_entry; --" }))).toBe('BAD_USER_INPUT');
    expect(await ledgerAudit(t, admin)).toMatchObject({ violations: [] });
  });
});
