import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, TEST_ADMIN, type TestApp } from '../../../test-support/app.js';
import { withClient } from '../../../test-support/database.js';
import { keyFor, ledgerAudit, newUser, ok, signInAdmin, type User } from '../../gateway/__tests__/support.js';

/** Finding users (search by email part or id, newest first, paged), the user page, and bad input. */
const USERS = `query($s: String, $first: Int, $after: String) { adminUsers(search: $s, first: $first, after: $after) {
  nodes { id email role tierCode createdAt suspendedAt balance held available debt subscriptionStatus } pageInfo { endCursor hasNextPage } totalCount } }`;
const USER_PAGE = `query($id: ID!) { adminUser(id: $id) {
  id email balance available debt tierCode subscriptionStatus
  grants(all: true) { id source amount remaining reference }
  transactions(first: 5) { nodes { id type amount } totalCount pageInfo { hasNextPage } }
  payments(first: 5) { totalCount }
  subscription { status }
  usageByDay { day }
  apiKeys { id name prefix scopes revokedAt }
  providerKeys { id provider last4 } } }`;
const SUSPEND = 'mutation($u: ID!, $r: String!) { adminSuspendUser(userId: $u, reason: $r) { id suspendedAt } }';

let t: TestApp;
let admin: string;
let adminId: string;
const tag = `find${randomUUID().slice(0, 6)}`;
const users: User[] = [];

beforeAll(async () => {
  t = await startTestApp();
  admin = await signInAdmin(t);
  adminId = ok(await t.gql('{ me { id } }', {}, admin), 'me').id;
  // Five users whose emails share `tag`, created one after the other (newest last).
  for (let i = 0; i < 5; i += 1) users.push(await newUser(t, admin, tag));
});
afterAll(async () => {
  await t?.stop();
});

async function emailOf(id: string): Promise<string> {
  return ok(await t.gql(USER_PAGE, { id }, admin), 'adminUser').email;
}

/** app_user and admin_audit, whole: what a refused admin action must leave alone. */
const state = () =>
  withClient(t.databaseUrl, async (c) => ({
    users: (await c.query('select id, tier_code, suspended_at, suspended_reason, updated_at from app_user order by id')).rows,
    audit: (await c.query('select count(*)::int as n from admin_audit')).rows[0].n,
  }));

describe('adminUsers', () => {
  it('finds by a part of the email, case-insensitively, newest first, paged with a cursor', async () => {
    const first = ok(await t.gql(USERS, { s: tag.toUpperCase(), first: 2 }, admin), 'adminUsers');
    expect(first.totalCount).toBe(5);
    expect(first.nodes).toHaveLength(2);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = ok(await t.gql(USERS, { s: tag, first: 2, after: first.pageInfo.endCursor }, admin), 'adminUsers');
    const third = ok(await t.gql(USERS, { s: tag, first: 2, after: second.pageInfo.endCursor }, admin), 'adminUsers');
    expect(third.pageInfo.hasNextPage).toBe(false);
    const ids = [...first.nodes, ...second.nodes, ...third.nodes].map((n: { id: string }) => n.id);
    expect(ids).toEqual([...users].reverse().map((u) => u.id));
    const row = first.nodes[0];
    expect(row).toMatchObject({ role: 'user', tierCode: 'free', suspendedAt: null, debt: '0.000000', subscriptionStatus: null });
    expect(BigInt(row.balance.replace('.', '')) - BigInt(row.held.replace('.', ''))).toBe(BigInt(row.available.replace('.', '')));
  });

  it('finds by id, exactly', async () => {
    const res = ok(await t.gql(USERS, { s: users[2]!.id }, admin), 'adminUsers');
    expect(res.nodes.map((n: { id: string }) => n.id)).toEqual([users[2]!.id]);
    expect(res.totalCount).toBe(1);
  });

  it('lists everyone without a search; the admin too', async () => {
    const res = ok(await t.gql(USERS, { first: 100 }, admin), 'adminUsers');
    expect(res.nodes.map((n: { email: string }) => n.email)).toContain(TEST_ADMIN.email);
  });

  it('answers BAD_USER_INPUT for a cursor it did not make or a page size out of range', async () => {
    for (const vars of [{ after: 'nonsense!' }, { after: Buffer.from('1|x').toString('base64url') }, { first: 0 }, { first: 101 }]) {
      expect(errorCode(await t.gql(USERS, vars, admin))).toBe('BAD_USER_INPUT');
    }
  });
});

describe('adminUser', () => {
  it('shows the user page: balance, grants, transactions, payments, subscription, usage, API keys (metadata), provider keys', async () => {
    const user = users[0]!;
    await keyFor(t, user, ['read']);
    ok(
      await t.gql(
        'mutation($i: AdminCreditInput!) { adminGrantCredits(input: $i) { id } }',
        { i: { userId: user.id, amount: '2.5', reason: 'page test', idempotencyKey: randomUUID() } },
        admin,
      ),
      'adminGrantCredits',
    );
    const page = ok(await t.gql(USER_PAGE, { id: user.id }, admin), 'adminUser');
    expect(page.grants.some((g: { source: string; amount: string }) => g.source === 'admin' && g.amount === '2.500000')).toBe(true);
    expect(page.transactions.totalCount).toBeGreaterThan(0);
    expect(page.payments.totalCount).toBe(0);
    expect(page.subscription).toBeNull();
    expect(page.apiKeys).toHaveLength(1);
    expect(JSON.stringify(page.apiKeys)).not.toMatch(/secret/i);
    expect(page.providerKeys).toEqual([]);
    expect(await emailOf(user.id)).toMatch(tag);
  });

  it("shows the user's economics over the current UTC month (analytics' forUser)", async () => {
    const res = await t.gql(
      'query($id: ID!) { adminUser(id: $id) { economics { userId email grossRevenueUsd providerCostUsd } } }',
      { id: users[0]!.id },
      admin,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.adminUser.economics).toMatchObject({
      userId: users[0]!.id,
      grossRevenueUsd: expect.stringMatching(/^0(\.0+)?$/),
      providerCostUsd: expect.any(String),
    });
  });

  it("shows a team's account as the team (its own address is synthetic): kind, name, billing email, owner; so does Accounts", async () => {
    const owner = users[4]!;
    const name = `Crew ${tag}`;
    const billingEmail = `billing-${tag}@example.com`;
    const team = ok(await t.gql('mutation($i: CreateTeamInput!) { createTeam(input: $i) { id } }', { i: { name, billingEmail } }, owner.token), 'createTeam');
    const TEAM_PAGE = 'query($id: ID!) { adminUser(id: $id) { id kind teamName billingEmail ownerEmail email } }';
    const page = ok(await t.gql(TEAM_PAGE, { id: team.id }, admin), 'adminUser');
    expect(page).toMatchObject({ id: team.id, kind: 'team', teamName: name, billingEmail, ownerEmail: await emailOf(owner.id) });
    expect(page.email).toMatch(/@teams\.invalid$/);
    const person = ok(await t.gql(TEAM_PAGE, { id: owner.id }, admin), 'adminUser');
    expect(person).toMatchObject({ kind: 'person', teamName: null, billingEmail: null, ownerEmail: null });
    const ACCOUNTS = 'query($s: String) { adminAccounts(search: $s, first: 100) { nodes { user { id email } displayName kind } } }';
    const nodes: { user: { id: string; email: string }; displayName: string; kind: string }[] = ok(
      await t.gql(ACCOUNTS, { s: tag }, admin),
      'adminAccounts',
    ).nodes;
    expect(nodes.find((n) => n.user.id === team.id)).toMatchObject({ kind: 'team', displayName: `${name} (team)` });
    expect(nodes.find((n) => n.user.id === owner.id)).toMatchObject({ kind: 'person', displayName: await emailOf(owner.id) });
  });

  it('answers NOT_FOUND for an unknown or malformed id, never an internal error', async () => {
    for (const id of [randomUUID(), 'not-a-uuid', "'; drop table app_user; --", '']) {
      expect(errorCode(await t.gql(USER_PAGE, { id }, admin))).toBe('NOT_FOUND');
    }
  });
});

describe('suspension: bad input writes nothing', () => {
  it('refuses an empty reason, an unknown or malformed user, and suspending oneself, with clear codes', async () => {
    const before = await state();
    const cases: Array<[Record<string, unknown>, string, string | undefined]> = [
      [{ u: users[1]!.id, r: '' }, 'BAD_USER_INPUT', 'reason'],
      [{ u: users[1]!.id, r: '   ' }, 'BAD_USER_INPUT', 'reason'],
      [{ u: users[1]!.id, r: 'x'.repeat(501) }, 'BAD_USER_INPUT', 'reason'],
      [{ u: randomUUID(), r: 'spam' }, 'NOT_FOUND', undefined],
      [{ u: 'nope', r: 'spam' }, 'NOT_FOUND', undefined],
      [{ u: adminId, r: 'oops' }, 'BAD_USER_INPUT', 'userId'],
    ];
    for (const [vars, code, field] of cases) {
      const res = await t.gql(SUSPEND, vars, admin);
      expect(errorCode(res), JSON.stringify(vars).slice(0, 80)).toBe(code);
      expect(res.errors?.[0]?.extensions?.field).toBe(field);
      expect(res.data).toBeNull();
    }
    expect(errorCode(await t.gql('mutation($u: ID!) { adminReactivateUser(userId: $u) { id } }', { u: randomUUID() }, admin))).toBe('NOT_FOUND');
    expect(await state()).toEqual(before);
    // The admin can still work: not suspended by the refused attempt.
    expect(ok(await t.gql('{ me { id } }', {}, admin), 'me').id).toBe(adminId);
  });

  it('leaves the ledger clean', async () => {
    expect((await ledgerAudit(t, admin)).violations).toEqual([]);
  });
});
