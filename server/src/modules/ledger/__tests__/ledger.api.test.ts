import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, TEST_ADMIN, type GqlResult, type TestApp } from '../../../test-support/app.js';
import { withClient } from '../../../test-support/database.js';
import { createKey, GOOD_PASSWORD, SIGN_IN, SIGN_UP, uniqueEmail } from '../../auth/__tests__/helpers.js';

const BALANCE = '{ creditBalance { balance held available lowBalanceThreshold lowBalance } }';
const TRANSACTIONS = `query Tx($first: Int, $after: String, $types: [TransactionType!], $from: DateTime, $to: DateTime) {
  creditTransactions(first: $first, after: $after, types: $types, from: $from, to: $to) {
    nodes { id type amount balanceAfter description reference actorType createdAt }
    pageInfo { endCursor hasNextPage }
    totalCount
  }
}`;
const GRANTS = '{ creditGrants { id source amount remaining priority expiresAt createdAt } }';
const SET_THRESHOLD = `mutation Threshold($threshold: Credits!) {
  setLowBalanceThreshold(threshold: $threshold) { balance held available lowBalanceThreshold lowBalance }
}`;
const GRANT = `mutation Grant($input: AdminCreditInput!) {
  adminGrantCredits(input: $input) { id type amount balanceAfter createdAt }
}`;
const DEDUCT = `mutation Deduct($input: AdminCreditInput!) {
  adminDeductCredits(input: $input) { id type amount balanceAfter createdAt }
}`;

const CREDITS = /^\d+\.\d{6}$/;

interface Tx {
  id: string;
  type: string;
  amount: string;
  balanceAfter: string;
  description: string;
  reference: string | null;
  actorType: string;
  createdAt: string;
}
interface Connection {
  nodes: Tx[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
  totalCount: number;
}
interface User {
  token: string;
  id: string;
  email: string;
}

let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await startTestApp();
  const res = await t.gql(SIGN_IN, { input: TEST_ADMIN });
  if (!res.data) throw new Error(`admin sign-in failed: ${JSON.stringify(res.errors)}`);
  admin = res.data.signIn.token;
});
afterAll(async () => {
  await t?.stop();
});

let ipCounter = 0;
/** Sign-ups are limited per address; each user here signs up from one of its own (loopback is a trusted proxy). */
async function newUser(): Promise<User> {
  ipCounter += 1;
  const email = uniqueEmail('ledger');
  const res = await t.gql(SIGN_UP, { input: { email, password: GOOD_PASSWORD } }, undefined, { 'x-forwarded-for': `198.51.100.${ipCounter}` });
  if (!res.data) throw new Error(`sign-up failed: ${JSON.stringify(res.errors)}`);
  return { token: res.data.signUp.token, id: res.data.signUp.user.id, email };
}

async function grant(userId: string, amount: string, extra: { expiresAt?: string; reason?: string } = {}): Promise<Tx> {
  const res = await t.gql(GRANT, { input: { userId, amount, reason: extra.reason ?? 'test grant', idempotencyKey: randomUUID(), expiresAt: extra.expiresAt } }, admin);
  if (!res.data) throw new Error(`grant failed: ${JSON.stringify(res.errors)}`);
  return res.data.adminGrantCredits;
}

async function deduct(userId: string, amount: string): Promise<Tx> {
  const res = await t.gql(DEDUCT, { input: { userId, amount, reason: 'test deduct', idempotencyKey: randomUUID() } }, admin);
  if (!res.data) throw new Error(`deduct failed: ${JSON.stringify(res.errors)}`);
  return res.data.adminDeductCredits;
}

async function transactions(token: string, variables: Record<string, unknown> = {}): Promise<Connection> {
  const res = await t.gql(TRANSACTIONS, variables, token);
  if (!res.data) throw new Error(`creditTransactions failed: ${JSON.stringify(res.errors)}`);
  return res.data.creditTransactions;
}

/** Rows in the ledger tables of this file's database: what a refused request must leave as it was. */
const ledgerRows = () =>
  withClient(t.databaseUrl, async (c) => {
    const { rows } = await c.query(
      `select (select count(*) from ledger_entry)::int as entries, (select count(*) from credit_grant)::int as grants,
              (select count(*) from credit_account)::int as accounts,
              (select coalesce(sum(balance), 0)::text from credit_account) as balances,
              (select coalesce(string_agg(low_balance_threshold::text, ',' order by id), '') from credit_account) as thresholds`,
    );
    return rows[0] as { entries: number; grants: number; accounts: number; balances: string; thresholds: string };
  });

/** The user's entry ids, newest first, straight from the table. */
const entryIdsInDb = (userId: string) =>
  withClient(t.databaseUrl, async (c) =>
    (await c.query(`select e.id from ledger_entry e join credit_account a on a.id = e.account_id where a.user_id = $1 order by e.seq desc`, [userId])).rows.map(
      (r) => r.id as string,
    ),
  );

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const micro = (credits: string) => BigInt(credits.replace('.', ''));

describe('creditBalance', () => {
  it('answers every amount as a Credits string with exactly 6 fraction digits', async () => {
    const user = await newUser();
    const res = await t.gql(BALANCE, {}, user.token);
    expect(res.errors).toBeUndefined();
    expect(res.data!.creditBalance).toEqual({
      balance: '10.000000',
      held: '0.000000',
      available: '10.000000',
      lowBalanceThreshold: '5.000000',
      lowBalance: false,
    });
  });

  it('keeps the smallest unit exact: a grant of 0.000001 and of 2.5 show as 12.500001', async () => {
    const user = await newUser();
    await grant(user.id, '0.000001');
    await grant(user.id, '2.5');
    const { creditBalance } = (await t.gql(BALANCE, {}, user.token)).data!;
    expect(creditBalance.balance).toBe('12.500001');
    expect(creditBalance.available).toBe('12.500001');
    for (const value of [creditBalance.balance, creditBalance.held, creditBalance.available, creditBalance.lowBalanceThreshold]) {
      expect(value).toMatch(CREDITS);
    }
  });
});

describe('creditTransactions pagination', () => {
  let user: User;
  let grants: Tx[];

  beforeAll(async () => {
    user = await newUser(); // 1 entry: the sign-up bonus
    grants = [];
    // Amounts 1..24 tell the entries apart and make the running balance checkable.
    for (let i = 1; i <= 24; i += 1) grants.push(await grant(user.id, String(i)));
  });

  it('walks 25 entries in pages of 10: three pages, newest first, no duplicates, no gaps, totalCount stable', async () => {
    const pages: Connection[] = [];
    let after: string | null = null;
    do {
      const page = await transactions(user.token, { first: 10, after });
      pages.push(page);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      expect(pages.length).toBeLessThanOrEqual(3);
    } while (after);

    expect(pages.map((p) => p.nodes.length)).toEqual([10, 10, 5]);
    expect(pages.map((p) => p.pageInfo.hasNextPage)).toEqual([true, true, false]);
    expect(pages.map((p) => p.totalCount)).toEqual([25, 25, 25]);
    const nodes = pages.flatMap((p) => p.nodes);
    expect(new Set(nodes.map((n) => n.id)).size).toBe(25);
    // Exactly the user's entries, in the table's order, newest first.
    expect(nodes.map((n) => n.id)).toEqual(await entryIdsInDb(user.id));
    expect(nodes.map((n) => n.amount)).toEqual([...grants.map((g) => g.amount).reverse(), '10.000000']);
    expect(nodes.at(-1)!.type).toBe('SIGNUP_BONUS');
    for (let i = 1; i < nodes.length; i += 1) {
      expect(Date.parse(nodes[i - 1]!.createdAt)).toBeGreaterThanOrEqual(Date.parse(nodes[i]!.createdAt));
      // No gap: each entry's balance before it is the next (older) entry's balance after.
      expect(micro(nodes[i - 1]!.balanceAfter) - micro(nodes[i - 1]!.amount)).toBe(micro(nodes[i]!.balanceAfter));
    }
    expect(nodes[0]!.balanceAfter).toBe(`${10 + (24 * 25) / 2}.000000`);
  });

  it('answers an empty last page after the final cursor', async () => {
    const all = await transactions(user.token, { first: 25 });
    expect(all.pageInfo.hasNextPage).toBe(false);
    const beyond = await transactions(user.token, { first: 10, after: all.pageInfo.endCursor });
    expect(beyond.nodes).toEqual([]);
    expect(beyond.pageInfo.hasNextPage).toBe(false);
    expect(beyond.totalCount).toBe(25);
  });

  it('defaults to a page of 20', async () => {
    const page = await transactions(user.token);
    expect(page.nodes).toHaveLength(20);
    expect(page.pageInfo.hasNextPage).toBe(true);
  });

  it.each([
    ['first: 0', { first: 0 }],
    ['first: 101', { first: 101 }],
    ['first: -1', { first: -1 }],
    ['a garbage after', { after: 'garbage' }],
    ['a negative after', { after: '-5' }],
    ['from after to', { from: '2030-01-02T00:00:00.000Z', to: '2030-01-01T00:00:00.000Z' }],
    ['a from that is not a date', { from: 'yesterday' }],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_case, variables) => {
    const before = await ledgerRows();
    const res = await t.gql(TRANSACTIONS, variables, user.token);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.data).toBeNull();
    expect(await ledgerRows()).toEqual(before);
  });
});

describe('creditTransactions filters', () => {
  it('filters by types, and totalCount follows the filter', async () => {
    const user = await newUser();
    await grant(user.id, '3');
    await grant(user.id, '4');
    await deduct(user.id, '2');

    const bonus = await transactions(user.token, { types: ['SIGNUP_BONUS'] });
    expect(bonus.totalCount).toBe(1);
    expect(bonus.nodes.map((n) => [n.type, n.amount])).toEqual([['SIGNUP_BONUS', '10.000000']]);

    const granted = await transactions(user.token, { types: ['ADMIN_GRANT'] });
    expect(granted.totalCount).toBe(2);
    expect(granted.nodes.map((n) => n.amount)).toEqual(['4.000000', '3.000000']);

    const moved = await transactions(user.token, { types: ['ADMIN_GRANT', 'ADMIN_DEDUCT'], first: 2 });
    expect(moved.totalCount).toBe(3);
    expect(moved.nodes.map((n) => [n.type, n.amount])).toEqual([
      ['ADMIN_DEDUCT', '-2.000000'],
      ['ADMIN_GRANT', '4.000000'],
    ]);
    expect(moved.pageInfo.hasNextPage).toBe(true);
    const rest = await transactions(user.token, { types: ['ADMIN_GRANT', 'ADMIN_DEDUCT'], first: 2, after: moved.pageInfo.endCursor });
    expect(rest.nodes.map((n) => n.amount)).toEqual(['3.000000']);
    expect(rest.totalCount).toBe(3);
    expect(rest.pageInfo.hasNextPage).toBe(false);

    const none = await transactions(user.token, { types: ['REFUND'] });
    expect(none).toEqual({ nodes: [], pageInfo: { endCursor: null, hasNextPage: false }, totalCount: 0 });
  });

  it('filters by from and to, and totalCount follows the filter', async () => {
    const user = await newUser();
    // Pauses only keep the entries' timestamps apart, so a window can fall between them.
    await sleep(20);
    const a = await grant(user.id, '1');
    await sleep(20);
    const b = await grant(user.id, '2');
    await sleep(20);
    const c = await grant(user.id, '3');
    const at = (tx: Tx, deltaMs: number) => new Date(Date.parse(tx.createdAt) + deltaMs).toISOString();

    const onlyB = await transactions(user.token, { from: at(a, 10), to: at(c, -10) });
    expect(onlyB.nodes.map((n) => n.id)).toEqual([b.id]);
    expect(onlyB.totalCount).toBe(1);

    const sinceA = await transactions(user.token, { from: at(a, 10) });
    expect(sinceA.nodes.map((n) => n.id)).toEqual([c.id, b.id]);
    expect(sinceA.totalCount).toBe(2);

    const untilB = await transactions(user.token, { to: at(b, 10) });
    expect(untilB.nodes.map((n) => n.amount)).toEqual(['2.000000', '1.000000', '10.000000']);
    expect(untilB.totalCount).toBe(3);

    const fromExactlyB = await transactions(user.token, { from: b.createdAt });
    expect(fromExactlyB.nodes.map((n) => n.id)).toEqual([c.id, b.id]);

    const paged = await transactions(user.token, { from: at(a, -1), first: 1 });
    expect(paged.totalCount).toBe(3);
    expect(paged.nodes.map((n) => n.id)).toEqual([c.id]);
    expect(paged.pageInfo.hasNextPage).toBe(true);

    const future = await transactions(user.token, { from: '2999-01-01T00:00:00.000Z' });
    expect(future.totalCount).toBe(0);
    expect(future.nodes).toEqual([]);
  });
});

describe('creditGrants', () => {
  it('lists buckets with credit left in burn order: priority, soonest expiry, never-expiring last', async () => {
    const user = await newUser(); // sign-up bonus: priority 10, never expires
    const in30Days = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const in10Days = new Date(Date.now() + 10 * 86_400_000).toISOString();
    await grant(user.id, '7'); // admin, priority 40, never expires
    await grant(user.id, '5', { expiresAt: in30Days });
    await grant(user.id, '3', { expiresAt: in10Days });

    const res = await t.gql(GRANTS, {}, user.token);
    expect(res.errors).toBeUndefined();
    const list = res.data!.creditGrants as Array<Record<string, any>>;
    expect(list.map((g) => [g.source, g.amount, g.remaining, g.priority, g.expiresAt && Date.parse(g.expiresAt)])).toEqual([
      ['SIGNUP', '10.000000', '10.000000', 10, null],
      ['ADMIN', '3.000000', '3.000000', 40, Date.parse(in10Days)],
      ['ADMIN', '5.000000', '5.000000', 40, Date.parse(in30Days)],
      ['ADMIN', '7.000000', '7.000000', 40, null],
    ]);
  });

  it('shows what a spend left, having burnt the buckets in the order listed', async () => {
    const user = await newUser();
    const in10Days = new Date(Date.now() + 10 * 86_400_000).toISOString();
    await grant(user.id, '7');
    await grant(user.id, '3', { expiresAt: in10Days });
    await deduct(user.id, '11.5'); // the whole bonus, then 1.5 of the expiring 3; the 7 is untouched

    const list = (await t.gql(GRANTS, {}, user.token)).data!.creditGrants as Array<Record<string, any>>;
    expect(list.map((g) => [g.source, g.amount, g.remaining, g.expiresAt && Date.parse(g.expiresAt)])).toEqual([
      ['ADMIN', '3.000000', '1.500000', Date.parse(in10Days)],
      ['ADMIN', '7.000000', '7.000000', null],
    ]);
    expect((await t.gql(BALANCE, {}, user.token)).data!.creditBalance.balance).toBe('8.500000');
  });
});

describe('setLowBalanceThreshold', () => {
  it('answers the new threshold and lowBalance measured against it', async () => {
    const user = await newUser();
    const low = await t.gql(SET_THRESHOLD, { threshold: '20' }, user.token);
    expect(low.errors).toBeUndefined();
    expect(low.data!.setLowBalanceThreshold).toEqual({
      balance: '10.000000',
      held: '0.000000',
      available: '10.000000',
      lowBalanceThreshold: '20.000000',
      lowBalance: true,
    });
    const fine = await t.gql(SET_THRESHOLD, { threshold: '2.5' }, user.token);
    expect(fine.data!.setLowBalanceThreshold).toMatchObject({ lowBalanceThreshold: '2.500000', lowBalance: false });
    const zero = await t.gql(SET_THRESHOLD, { threshold: '0' }, user.token);
    expect(zero.data!.setLowBalanceThreshold).toMatchObject({ lowBalanceThreshold: '0.000000', lowBalance: false });
  });

  it('keeps the threshold: the next creditBalance and the database show it', async () => {
    const user = await newUser();
    const set = await t.gql(SET_THRESHOLD, { threshold: '2.5' }, user.token);
    expect(set.data!.setLowBalanceThreshold.lowBalanceThreshold).toBe('2.500000');
    expect((await t.gql(BALANCE, {}, user.token)).data!.creditBalance).toMatchObject({ lowBalanceThreshold: '2.500000', lowBalance: false });
    const stored = await withClient(t.databaseUrl, (c) => c.query('select low_balance_threshold::text as v from credit_account where user_id = $1', [user.id]));
    expect(stored.rows[0].v).toBe('2500000');
  });

  it.each([
    ['a negative value', '-1'],
    ['7 fraction digits', '1.1234567'],
    ['a non-number', 'lots'],
    ['an empty string', ''],
    ['more than the 1,000,000-credit cap', '1000000.000001'],
  ])('refuses %s with BAD_USER_INPUT and leaves the threshold as it was', async (_case, threshold) => {
    const user = await newUser();
    const before = await ledgerRows();
    const res = await t.gql(SET_THRESHOLD, { threshold }, user.token);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.data).toBeNull();
    expect(await ledgerRows()).toEqual(before);
    expect((await t.gql(BALANCE, {}, user.token)).data!.creditBalance.lowBalanceThreshold).toBe('5.000000');
  });

  it('refuses an amount sent as a JSON number rather than a string, with BAD_USER_INPUT', async () => {
    const user = await newUser();
    const before = await ledgerRows();
    const res = await t.gql(SET_THRESHOLD, { threshold: 4 }, user.token);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(await ledgerRows()).toEqual(before);
  });

  it('needs a signed-in session: an API key, even with the read scope, is FORBIDDEN', async () => {
    const user = await newUser();
    const key = await createKey(t, user.token, ['read', 'completions']);
    const before = await ledgerRows();
    const res = await t.gql(SET_THRESHOLD, { threshold: '1' }, key.secret);
    expect(errorCode(res)).toBe('FORBIDDEN');
    expect(res.data).toBeNull();
    expect(await ledgerRows()).toEqual(before);
  });
});

describe('who may read the ledger', () => {
  const READS: Array<[string, string]> = [
    ['creditBalance', BALANCE],
    ['creditTransactions', TRANSACTIONS],
    ['creditGrants', GRANTS],
  ];

  it.each(READS)('refuses %s to an API key with only the completions scope, with FORBIDDEN', async (_name, query) => {
    const user = await newUser();
    const key = await createKey(t, user.token, ['completions']);
    const res = await t.gql(query, {}, key.secret);
    expect(errorCode(res)).toBe('FORBIDDEN');
    expect(res.data).toBeNull();
  });

  it.each(READS)('answers %s to an API key with the read scope, for the key owner', async (name, query) => {
    const user = await newUser();
    await grant(user.id, '1.5');
    const key = await createKey(t, user.token, ['read']);
    const byKey = await t.gql(query, {}, key.secret);
    expect(byKey.errors).toBeUndefined();
    expect(byKey.data).toEqual((await t.gql(query, {}, user.token)).data);
    if (name === 'creditBalance') expect(byKey.data!.creditBalance.balance).toBe('11.500000');
  });

  it.each([...READS, ['setLowBalanceThreshold', 'mutation { setLowBalanceThreshold(threshold: "1") { balance } }'] as [string, string]])(
    'refuses %s without credentials, with UNAUTHENTICATED',
    async (_name, query) => {
      const res = await t.gql(query, {});
      expect(errorCode(res)).toBe('UNAUTHENTICATED');
      expect(res.data).toBeNull();
    },
  );

  it('refuses a tampered bearer token with UNAUTHENTICATED', async () => {
    const res = await t.gql(BALANCE, {}, 'not-a-real-token');
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
  });

  it("shows a user their own transactions and grants only, never another user's", async () => {
    const alice = await newUser();
    const bob = await newUser();
    const bobs = [await grant(bob.id, '31', { reason: 'for bob only' }), await deduct(bob.id, '1')];
    await grant(alice.id, '2', { reason: 'for alice' });

    const mine = await transactions(alice.token, { first: 100 });
    expect(mine.nodes.map((n) => n.id)).toEqual(await entryIdsInDb(alice.id));
    expect(mine.totalCount).toBe(2);
    for (const tx of bobs) expect(mine.nodes.map((n) => n.id)).not.toContain(tx.id);
    expect(JSON.stringify(mine)).not.toContain('for bob only');

    const alicesGrants = (await t.gql(GRANTS, {}, alice.token)).data!.creditGrants as Array<{ amount: string }>;
    expect(alicesGrants.map((g) => g.amount).sort()).toEqual(['10.000000', '2.000000']);
    expect((await t.gql(BALANCE, {}, alice.token)).data!.creditBalance.balance).toBe('12.000000');

    const theirs = await transactions(bob.token, { first: 100 });
    expect(theirs.totalCount).toBe(3);
    expect(theirs.nodes.map((n) => n.id).slice(0, 2)).toEqual([bobs[1]!.id, bobs[0]!.id]);
  });

  it("cannot page into another user's history with a cursor taken from it", async () => {
    const alice = await newUser();
    const bob = await newUser();
    for (let i = 0; i < 3; i += 1) await grant(bob.id, '1');
    const bobsPage = await transactions(bob.token, { first: 1 });
    const res: GqlResult = await t.gql(TRANSACTIONS, { first: 10, after: bobsPage.pageInfo.endCursor }, alice.token);
    const nodes = (res.data?.creditTransactions?.nodes ?? []) as Tx[];
    const bobsIds = await entryIdsInDb(bob.id);
    expect(nodes.some((n) => bobsIds.includes(n.id))).toBe(false);
  });
});
