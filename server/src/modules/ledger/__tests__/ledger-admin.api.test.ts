import { randomBytes, randomUUID } from 'node:crypto';
import { formatCredits } from '@tollgate/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, TEST_ADMIN, type GqlResult, type TestApp } from '../../../test-support/app.js';
import { withClient } from '../../../test-support/database.js';
import { createKey, GOOD_PASSWORD, SIGN_IN, SIGN_UP, uniqueEmail } from '../../auth/__tests__/helpers.js';

const TX_FIELDS = 'id type amount balanceAfter description reference actorType createdAt';
const GRANT = `mutation Grant($input: AdminCreditInput!) { adminGrantCredits(input: $input) { ${TX_FIELDS} } }`;
const DEDUCT = `mutation Deduct($input: AdminCreditInput!) { adminDeductCredits(input: $input) { ${TX_FIELDS} } }`;
const REFUND = `mutation Refund($input: AdminRefundInput!) { adminRefundCredits(input: $input) { ${TX_FIELDS} } }`;
const ACCOUNTS = `query Accounts($search: String, $first: Int, $after: String) {
  adminAccounts(search: $search, first: $first, after: $after) {
    nodes { user { id email role } balance held available lowBalanceThreshold }
    pageInfo { endCursor hasNextPage }
    totalCount
  }
}`;
const AUDIT = '{ ledgerAudit { accountsChecked violations } }';
const BALANCE = '{ creditBalance { balance held available } }';

interface User {
  token: string;
  id: string;
  email: string;
}
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
interface AccountNode {
  user: { id: string; email: string; role: string };
  balance: string;
  held: string;
  available: string;
  lowBalanceThreshold: string;
}
interface AccountPage {
  nodes: AccountNode[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
  totalCount: number;
}

let t: TestApp;
let admin: { token: string; id: string };
let usersCreated = 0;

beforeAll(async () => {
  t = await startTestApp();
  const res = await t.gql(SIGN_IN, { input: TEST_ADMIN });
  if (!res.data) throw new Error(`admin sign-in failed: ${JSON.stringify(res.errors)}`);
  admin = { token: res.data.signIn.token, id: res.data.signIn.user.id };
});
afterAll(async () => {
  await t?.stop();
});

let ipCounter = 0;
/** Sign-ups are limited per address; each user here signs up from one of its own (loopback is a trusted proxy). */
async function newUser(tag = 'admin-ledger'): Promise<User> {
  ipCounter += 1;
  const email = uniqueEmail(tag);
  const ip = `198.51.${100 + Math.floor(ipCounter / 250)}.${ipCounter % 250}`;
  const res = await t.gql(SIGN_UP, { input: { email, password: GOOD_PASSWORD } }, undefined, { 'x-forwarded-for': ip });
  if (!res.data) throw new Error(`sign-up failed: ${JSON.stringify(res.errors)}`);
  usersCreated += 1;
  return { token: res.data.signUp.token, id: res.data.signUp.user.id, email };
}

const input = (userId: string, amount: unknown, extra: Record<string, unknown> = {}) => ({
  userId,
  amount,
  reason: 'support ticket 42',
  idempotencyKey: randomUUID(),
  ...extra,
});

async function ok<T = Tx>(res: Promise<GqlResult>, field: string): Promise<T> {
  const result = await res;
  if (!result.data) throw new Error(`${field} failed: ${JSON.stringify(result.errors)}`);
  return result.data[field] as T;
}
const grant = (userId: string, amount: string, extra: Record<string, unknown> = {}) =>
  ok(t.gql(GRANT, { input: input(userId, amount, extra) }, admin.token), 'adminGrantCredits');
const deduct = (userId: string, amount: string, extra: Record<string, unknown> = {}) =>
  ok(t.gql(DEDUCT, { input: input(userId, amount, extra) }, admin.token), 'adminDeductCredits');
const balanceOf = async (user: User) => (await t.gql(BALANCE, {}, user.token)).data!.creditBalance.balance as string;

/** Everything a money-moving request could write: a refused one must leave all of it as it was. */
const ledgerRows = () =>
  withClient(t.databaseUrl, async (c) => {
    const { rows } = await c.query(
      `select (select count(*) from ledger_entry)::int as entries, (select count(*) from credit_grant)::int as grants,
              (select count(*) from ledger_entry_grant)::int as draws, (select count(*) from credit_account)::int as accounts,
              (select coalesce(sum(balance), 0)::text from credit_account) as balances,
              (select coalesce(sum(remaining), 0)::text from credit_grant) as remaining`,
    );
    return rows[0] as Record<string, unknown>;
  });

async function expectRefused(request: () => Promise<GqlResult>, code: string): Promise<GqlResult> {
  const before = await ledgerRows();
  const res = await request();
  expect(errorCode(res), JSON.stringify(res.errors)).toBe(code);
  expect(res.data).toBeNull();
  expect(await ledgerRows()).toEqual(before);
  return res;
}

describe('adminGrantCredits, adminDeductCredits and adminRefundCredits', () => {
  it('grants credit as an ADMIN_GRANT entry and an admin bucket, recording the admin as actor', async () => {
    const user = await newUser();
    const tx = await grant(user.id, '25', { reason: 'goodwill' });
    expect(tx).toMatchObject({ type: 'ADMIN_GRANT', amount: '25.000000', balanceAfter: '35.000000', description: 'goodwill', actorType: 'admin' });
    expect(await balanceOf(user)).toBe('35.000000');
    const row = await withClient(t.databaseUrl, async (c) =>
      (
        await c.query(
          `select e.actor_id, e.type, g.source, g.amount::text, g.remaining::text, g.priority, g.expires_at
           from ledger_entry e join credit_grant g on g.entry_id = e.id where e.id = $1`,
          [tx.id],
        )
      ).rows[0],
    );
    expect(row).toEqual({ actor_id: admin.id, type: 'admin_grant', source: 'admin', amount: '25000000', remaining: '25000000', priority: 40, expires_at: null });
  });

  it('grants credit that expires at the given time', async () => {
    const user = await newUser();
    const expiresAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const tx = await grant(user.id, '3', { expiresAt });
    const grants = (await t.gql('{ creditGrants { amount expiresAt } }', {}, user.token)).data!.creditGrants as Array<{ amount: string; expiresAt: string | null }>;
    expect(grants.find((g) => g.amount === '3.000000')?.expiresAt).toBe(expiresAt);
    const stored = await withClient(t.databaseUrl, (c) => c.query('select expires_at from credit_grant where entry_id = $1', [tx.id]));
    expect((stored.rows[0].expires_at as Date).toISOString()).toBe(expiresAt);
  });

  it('accepts exactly the 1,000,000-credit cap in one request', async () => {
    const user = await newUser();
    expect((await grant(user.id, '1000000')).amount).toBe('1000000.000000');
    expect(await balanceOf(user)).toBe('1000010.000000');
  });

  it('deducts as a negative ADMIN_DEDUCT entry', async () => {
    const user = await newUser();
    const tx = await deduct(user.id, '4.25', { reason: 'chargeback' });
    expect(tx).toMatchObject({ type: 'ADMIN_DEDUCT', amount: '-4.250000', balanceAfter: '5.750000', description: 'chargeback', actorType: 'admin' });
    expect(await balanceOf(user)).toBe('5.750000');
  });

  it('deducts the whole balance down to zero', async () => {
    const user = await newUser();
    expect((await deduct(user.id, '10')).balanceAfter).toBe('0.000000');
    expect(await balanceOf(user)).toBe('0.000000');
  });

  it('refunds part of a spend, then the rest by default, as REFUND entries linked to it', async () => {
    const user = await newUser();
    const spend = await deduct(user.id, '4');
    const part = await ok(t.gql(REFUND, { input: { userId: user.id, transactionId: spend.id, amount: '1.5', reason: 'partial', idempotencyKey: randomUUID() } }, admin.token), 'adminRefundCredits');
    expect(part).toMatchObject({ type: 'REFUND', amount: '1.500000', balanceAfter: '7.500000', description: 'partial', reference: `entry:${spend.id}`, actorType: 'admin' });
    const rest = await ok(t.gql(REFUND, { input: { userId: user.id, transactionId: spend.id, reason: 'the rest', idempotencyKey: randomUUID() } }, admin.token), 'adminRefundCredits');
    expect(rest).toMatchObject({ type: 'REFUND', amount: '2.500000', balanceAfter: '10.000000' });
    expect(await balanceOf(user)).toBe('10.000000');
    const linked = await withClient(t.databaseUrl, (c) => c.query('select source, amount::text from credit_grant where refund_of_entry_id = $1 order by amount', [spend.id]));
    expect(linked.rows).toEqual([
      { source: 'refund', amount: '1500000' },
      { source: 'refund', amount: '2500000' },
    ]);

    // Nothing left to refund.
    await expectRefused(
      () => t.gql(REFUND, { input: { userId: user.id, transactionId: spend.id, reason: 'again', idempotencyKey: randomUUID() } }, admin.token),
      'BAD_USER_INPUT',
    );
  });

  it('refuses to refund more than was spent, with BAD_USER_INPUT, and writes nothing', async () => {
    const user = await newUser();
    const spend = await deduct(user.id, '3');
    await expectRefused(
      () => t.gql(REFUND, { input: { userId: user.id, transactionId: spend.id, amount: '3.000001', reason: 'too much', idempotencyKey: randomUUID() } }, admin.token),
      'BAD_USER_INPUT',
    );
    expect(await balanceOf(user)).toBe('7.000000');
  });

  it('refuses to refund a grant (only spends are refundable), with BAD_USER_INPUT', async () => {
    const user = await newUser();
    const granted = await grant(user.id, '2');
    await expectRefused(
      () => t.gql(REFUND, { input: { userId: user.id, transactionId: granted.id, reason: 'no', idempotencyKey: randomUUID() } }, admin.token),
      'BAD_USER_INPUT',
    );
  });

  it("refuses to refund another user's spend under this user's id, with NOT_FOUND, and writes nothing", async () => {
    const alice = await newUser();
    const bob = await newUser();
    const bobsSpend = await deduct(bob.id, '5');
    await expectRefused(
      () => t.gql(REFUND, { input: { userId: alice.id, transactionId: bobsSpend.id, reason: 'wrong user', idempotencyKey: randomUUID() } }, admin.token),
      'NOT_FOUND',
    );
    expect(await balanceOf(alice)).toBe('10.000000');
    expect(await balanceOf(bob)).toBe('5.000000');
  });

  it.each([
    ['a random UUID', () => randomUUID()],
    ['a malformed id', () => 'not-a-transaction'],
  ])('refuses to refund %s as transactionId with NOT_FOUND', async (_case, id) => {
    const user = await newUser();
    await expectRefused(
      () => t.gql(REFUND, { input: { userId: user.id, transactionId: id(), reason: 'x', idempotencyKey: randomUUID() } }, admin.token),
      'NOT_FOUND',
    );
  });

  it('refuses to deduct more than is available with INSUFFICIENT_CREDITS, and writes nothing', async () => {
    const user = await newUser();
    const res = await expectRefused(() => t.gql(DEDUCT, { input: input(user.id, '10.000001') }, admin.token), 'INSUFFICIENT_CREDITS');
    expect(res.errors![0]!.extensions).toMatchObject({ needed: '10.000001', available: '10.000000' });
    expect(await balanceOf(user)).toBe('10.000000');
  });
});

describe('idempotent admin requests', () => {
  it('answers a retried grant with the first transaction and moves the balance once', async () => {
    const user = await newUser();
    const request = input(user.id, '7');
    const first = await ok(t.gql(GRANT, { input: request }, admin.token), 'adminGrantCredits');
    const before = await ledgerRows();
    const again = await ok(t.gql(GRANT, { input: request }, admin.token), 'adminGrantCredits');
    expect(again).toEqual(first);
    expect(await ledgerRows()).toEqual(before);
    expect(await balanceOf(user)).toBe('17.000000');
  });

  it('applies five concurrent deliveries of one grant once', async () => {
    const user = await newUser();
    const request = input(user.id, '2');
    const results = await Promise.all(Array.from({ length: 5 }, () => ok(t.gql(GRANT, { input: request }, admin.token), 'adminGrantCredits')));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(await balanceOf(user)).toBe('12.000000');
    const rows = await withClient(t.databaseUrl, (c) => c.query('select count(*)::int as n from ledger_entry where idempotency_key = $1', [request.idempotencyKey]));
    expect(rows.rows[0].n).toBe(1);
  });

  it('answers a retried deduct and a retried refund with the first transaction, applied once', async () => {
    const user = await newUser();
    const deductRequest = input(user.id, '4');
    const spend = await ok(t.gql(DEDUCT, { input: deductRequest }, admin.token), 'adminDeductCredits');
    expect(await ok(t.gql(DEDUCT, { input: deductRequest }, admin.token), 'adminDeductCredits')).toEqual(spend);
    expect(await balanceOf(user)).toBe('6.000000');

    const refundRequest = { userId: user.id, transactionId: spend.id, amount: '1', reason: 'sorry', idempotencyKey: randomUUID() };
    const refund = await ok(t.gql(REFUND, { input: refundRequest }, admin.token), 'adminRefundCredits');
    expect(await ok(t.gql(REFUND, { input: refundRequest }, admin.token), 'adminRefundCredits')).toEqual(refund);
    expect(await balanceOf(user)).toBe('7.000000');
  });

  it.each([
    ['a different amount', { amount: '8' }],
    ['a different reason', { reason: 'another ticket' }],
    ['an expiry added', { expiresAt: new Date(Date.now() + 86_400_000).toISOString() }],
  ])('refuses the same key with %s as IDEMPOTENCY_CONFLICT, and writes nothing', async (_case, change) => {
    const user = await newUser();
    const request = input(user.id, '7');
    await ok(t.gql(GRANT, { input: request }, admin.token), 'adminGrantCredits');
    await expectRefused(() => t.gql(GRANT, { input: { ...request, ...change } }, admin.token), 'IDEMPOTENCY_CONFLICT');
    expect(await balanceOf(user)).toBe('17.000000');
  });

  it('refuses a grant key reused for a deduct as IDEMPOTENCY_CONFLICT', async () => {
    const user = await newUser();
    const request = input(user.id, '1');
    await ok(t.gql(GRANT, { input: request }, admin.token), 'adminGrantCredits');
    await expectRefused(() => t.gql(DEDUCT, { input: request }, admin.token), 'IDEMPOTENCY_CONFLICT');
    expect(await balanceOf(user)).toBe('11.000000');
  });

  it('scopes keys to the account: one key on two users grants to both', async () => {
    const alice = await newUser();
    const bob = await newUser();
    const key = randomUUID();
    const a = await grant(alice.id, '1', { idempotencyKey: key });
    const b = await grant(bob.id, '1', { idempotencyKey: key });
    expect(a.id).not.toBe(b.id);
    expect([await balanceOf(alice), await balanceOf(bob)]).toEqual(['11.000000', '11.000000']);
  });

  it('answers a retried grant with the first transaction even once its expiresAt has passed', async () => {
    const user = await newUser();
    const request = input(user.id, '3', { expiresAt: new Date(Date.now() + 1_000).toISOString() });
    const first = await ok(t.gql(GRANT, { input: request }, admin.token), 'adminGrantCredits');
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // only to let the expiry pass
    const again = await t.gql(GRANT, { input: request }, admin.token);
    expect(errorCode(again)).toBeUndefined();
    expect(again.data!.adminGrantCredits.id).toBe(first.id);
  });

  it('lets a deduct refused for want of credit be retried with the same key once credit arrives', async () => {
    const user = await newUser();
    const request = input(user.id, '12');
    await expectRefused(() => t.gql(DEDUCT, { input: request }, admin.token), 'INSUFFICIENT_CREDITS');
    await grant(user.id, '5');
    const retried = await ok(t.gql(DEDUCT, { input: request }, admin.token), 'adminDeductCredits');
    expect(retried).toMatchObject({ type: 'ADMIN_DEDUCT', amount: '-12.000000', balanceAfter: '3.000000' });
  });
});

describe('admin credit input the server refuses', () => {
  let victim: User;
  beforeAll(async () => {
    victim = await newUser();
  });

  const BAD_AMOUNTS: Array<[string, unknown]> = [
    ['zero', '0'],
    ['a negative amount', '-5'],
    ['an explicit plus sign', '+5'],
    ['7 fraction digits', '1.1234567'],
    ['a non-number', 'abc'],
    ['an exponent', '1e3'],
    ['an empty string', ''],
    ['a JSON number instead of a string', 12],
    ['more than the 1,000,000-credit cap', '2000000'],
    ['one micro-credit over the cap', '1000000.000001'],
  ];

  describe.each([
    ['adminGrantCredits', GRANT],
    ['adminDeductCredits', DEDUCT],
  ])('%s', (_name, mutation) => {
    it.each(BAD_AMOUNTS)('refuses %s as amount with BAD_USER_INPUT and writes nothing', async (_case, amount) => {
      await expectRefused(() => t.gql(mutation, { input: input(victim.id, amount) }, admin.token), 'BAD_USER_INPUT');
    });

    it.each([
      ['an empty reason', { reason: '' }],
      ['a blank reason', { reason: '   ' }],
      ['a reason over 500 characters', { reason: 'x'.repeat(501) }],
      ['an empty idempotencyKey', { idempotencyKey: '' }],
      ['an idempotencyKey over 200 characters', { idempotencyKey: 'k'.repeat(201) }],
      ['an expiresAt in the past', { expiresAt: new Date(Date.now() - 60_000).toISOString() }],
      ['an expiresAt that is not a date', { expiresAt: 'next week' }],
    ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_case, change) => {
      await expectRefused(() => t.gql(mutation, { input: { ...input(victim.id, '1'), ...change } }, admin.token), 'BAD_USER_INPUT');
    });

    it('refuses an amount written as a number literal in the document, with BAD_USER_INPUT', async () => {
      const field = mutation === GRANT ? 'adminGrantCredits' : 'adminDeductCredits';
      const literal = `mutation { ${field}(input: { userId: "${victim.id}", amount: 12, reason: "r", idempotencyKey: "${randomUUID()}" }) { id } }`;
      await expectRefused(() => t.gql(literal, {}, admin.token), 'BAD_USER_INPUT');
    });

    it('refuses an unknown userId (a random UUID) with NOT_FOUND and writes nothing', async () => {
      await expectRefused(() => t.gql(mutation, { input: input(randomUUID(), '1') }, admin.token), 'NOT_FOUND');
    });

    it.each([['not-a-uuid'], [''], ["'; drop table ledger_entry; --"]])(
      'refuses the malformed userId %j with NOT_FOUND and writes nothing',
      async (userId) => {
        await expectRefused(() => t.gql(mutation, { input: input(userId, '1') }, admin.token), 'NOT_FOUND');
      },
    );
  });

  it('refuses expiresAt on a deduct (grants only), with BAD_USER_INPUT', async () => {
    await expectRefused(
      () => t.gql(DEDUCT, { input: input(victim.id, '1', { expiresAt: new Date(Date.now() + 86_400_000).toISOString() }) }, admin.token),
      'BAD_USER_INPUT',
    );
  });

  it.each([
    ['an unknown userId', 'NOT_FOUND', () => randomUUID()],
    ['a malformed userId', 'NOT_FOUND', () => 'not-a-uuid'],
  ])('refuses a refund for %s with %s and writes nothing', async (_case, code, userId) => {
    const spend = await deduct(victim.id, '0.5');
    await expectRefused(() => t.gql(REFUND, { input: { userId: userId(), transactionId: spend.id, reason: 'x', idempotencyKey: randomUUID() } }, admin.token), code);
  });

  it.each([
    ['a zero amount', { amount: '0' }],
    ['a negative amount', { amount: '-1' }],
    ['an empty reason', { reason: '' }],
  ])('refuses a refund with %s, with BAD_USER_INPUT', async (_case, change) => {
    const spend = await deduct(victim.id, '0.5');
    await expectRefused(
      () => t.gql(REFUND, { input: { userId: victim.id, transactionId: spend.id, reason: 'x', idempotencyKey: randomUUID(), ...change } }, admin.token),
      'BAD_USER_INPUT',
    );
  });

  it('leaves the balance untouched by every refusal above', async () => {
    // Each of the five refund cases above deducted 0.5 for real; no refusal moved anything.
    expect(await balanceOf(victim)).toBe('7.500000');
  });
});

describe('who may use the admin ledger operations', () => {
  let victim: User;
  let spend: Tx;
  beforeAll(async () => {
    victim = await newUser();
    spend = await deduct(victim.id, '1');
  });

  const operations = (): Array<[string, string, Record<string, unknown>]> => [
    ['adminGrantCredits', GRANT, { input: input(victim.id, '5') }],
    ['adminDeductCredits', DEDUCT, { input: input(victim.id, '1') }],
    ['adminRefundCredits', REFUND, { input: { userId: victim.id, transactionId: spend.id, reason: 'x', idempotencyKey: randomUUID() } }],
    ['adminAccounts', ACCOUNTS, {}],
    ['ledgerAudit', AUDIT, {}],
  ];

  it('refuses every admin operation to a signed-in user who is not an admin, with FORBIDDEN', async () => {
    const user = await newUser();
    for (const [name, query, variables] of operations()) {
      const res = await expectRefused(() => t.gql(query, variables, user.token), 'FORBIDDEN');
      expect(res.errors![0]!.path, name).toEqual([name]);
    }
  });

  it("refuses every admin operation to the admin's own API key without the admin scope, with FORBIDDEN", async () => {
    const key = await createKey(t, admin.token, ['read', 'completions'], 'no-admin-scope');
    for (const [, query, variables] of operations()) await expectRefused(() => t.gql(query, variables, key.secret), 'FORBIDDEN');
  });

  it("refuses every admin operation to a non-admin's API key, with FORBIDDEN", async () => {
    const user = await newUser();
    const key = await createKey(t, user.token, ['read', 'completions']);
    for (const [, query, variables] of operations()) await expectRefused(() => t.gql(query, variables, key.secret), 'FORBIDDEN');
  });

  it('refuses every admin operation without credentials, with UNAUTHENTICATED', async () => {
    for (const [, query, variables] of operations()) await expectRefused(() => t.gql(query, variables), 'UNAUTHENTICATED');
  });

  it("runs every admin operation for the admin's API key with the admin scope", async () => {
    const key = await createKey(t, admin.token, ['admin'], 'with-admin-scope');
    for (const [name, query, variables] of operations()) {
      const res = await t.gql(query, variables, key.secret);
      expect(res.errors, name).toBeUndefined();
      expect(res.data![name], name).toBeTruthy();
    }
    // Granted 5, deducted 1, refunded the earlier 1: 10 - 1 + 5 - 1 + 1.
    expect(await balanceOf(victim)).toBe('14.000000');
  });
});

describe('adminAccounts', () => {
  const tag = `acct${randomBytes(4).toString('hex')}`;
  let users: User[];

  beforeAll(async () => {
    users = [];
    for (let i = 0; i < 32; i += 1) users.push(await newUser(tag));
    await grant(users[0]!.id, '5');
    await deduct(users[1]!.id, '3');
  });

  const accounts = async (variables: Record<string, unknown>): Promise<AccountPage> => ok<AccountPage>(t.gql(ACCOUNTS, variables, admin.token), 'adminAccounts');
  const emailsInDb = async (like: string) =>
    withClient(t.databaseUrl, async (c) => (await c.query('select email from app_user where email like $1 order by email', [like])).rows.map((r) => r.email as string));

  it('finds accounts by an email substring, with their balances', async () => {
    const page = await accounts({ search: tag, first: 100 });
    expect(page.totalCount).toBe(32);
    expect(page.pageInfo.hasNextPage).toBe(false);
    expect(page.nodes.map((n) => n.user.email)).toEqual(await emailsInDb(`%${tag}%`));
    const byId = new Map(page.nodes.map((n) => [n.user.id, n]));
    expect(byId.get(users[0]!.id)).toMatchObject({ balance: '15.000000', held: '0.000000', available: '15.000000', lowBalanceThreshold: '5.000000' });
    expect(byId.get(users[1]!.id)).toMatchObject({ balance: '7.000000', available: '7.000000' });
    expect(byId.get(users[2]!.id)).toMatchObject({ balance: '10.000000', available: '10.000000' });
    for (const node of page.nodes) expect(node.user.role).toBe('user');
  });

  it('searches case-insensitively', async () => {
    const page = await accounts({ search: tag.toUpperCase(), first: 100 });
    expect(page.totalCount).toBe(32);
  });

  it('treats % and _ in the search as plain characters', async () => {
    for (const search of ['%', '_', `${tag}%`]) {
      const page = await accounts({ search, first: 100 });
      expect(page.totalCount, search).toBe(0);
      expect(page.nodes, search).toEqual([]);
    }
  });

  it('answers a search that matches nothing with an empty page', async () => {
    expect(await accounts({ search: `nobody-${tag}` })).toEqual({ nodes: [], pageInfo: { endCursor: null, hasNextPage: false }, totalCount: 0 });
  });

  it('pages through matches with first and after: no duplicates, no gaps, totalCount stable', async () => {
    const pages: AccountPage[] = [];
    let after: string | null = null;
    do {
      const page = await accounts({ search: tag, first: 10, after });
      pages.push(page);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      expect(pages.length).toBeLessThanOrEqual(4);
    } while (after);
    expect(pages.map((p) => p.nodes.length)).toEqual([10, 10, 10, 2]);
    expect(pages.map((p) => p.pageInfo.hasNextPage)).toEqual([true, true, true, false]);
    expect(pages.map((p) => p.totalCount)).toEqual([32, 32, 32, 32]);
    const emails = pages.flatMap((p) => p.nodes.map((n) => n.user.email));
    expect(new Set(emails).size).toBe(32);
    expect(emails).toEqual(await emailsInDb(`%${tag}%`));
  });

  it('lists the admin too, with the balance its account holds', async () => {
    const page = await accounts({ search: TEST_ADMIN.email });
    const stored = await withClient(t.databaseUrl, async (c) =>
      formatCredits(BigInt((await c.query('select coalesce(sum(balance), 0)::text as b from credit_account where user_id = $1', [admin.id])).rows[0].b)),
    );
    expect(page.nodes).toEqual([
      { user: { id: admin.id, email: TEST_ADMIN.email, role: 'admin' }, balance: stored, held: '0.000000', available: stored, lowBalanceThreshold: '5.000000' },
    ]);
  });

  it('resolves user for a page of 50 accounts (batched through the userById DataLoader) with the right emails in order', async () => {
    const res = await t.gql('{ adminAccounts(first: 50) { nodes { user { id email } } totalCount } }', {}, admin.token);
    expect(res.errors).toBeUndefined();
    const all = await withClient(t.databaseUrl, async (c) => (await c.query('select id, email from app_user order by email')).rows);
    expect(all.length).toBeGreaterThan(30);
    expect(res.data!.adminAccounts.totalCount).toBe(all.length);
    expect(res.data!.adminAccounts.nodes.map((n: { user: unknown }) => n.user)).toEqual(all.slice(0, 50));
  });

  it.each([[0], [101], [-1]])('refuses first: %i with BAD_USER_INPUT and writes nothing', async (first) => {
    await expectRefused(() => t.gql(ACCOUNTS, { first }, admin.token), 'BAD_USER_INPUT');
  });
});

describe('ledgerAudit', () => {
  it('checks every account and finds nothing wrong after everything above', async () => {
    const res = await t.gql(AUDIT, {}, admin.token);
    expect(res.errors).toBeUndefined();
    const accounts = await withClient(t.databaseUrl, async (c) => (await c.query('select count(*)::int as n from credit_account')).rows[0].n as number);
    expect(usersCreated).toBeGreaterThan(30);
    expect(res.data!.ledgerAudit.accountsChecked).toBeGreaterThanOrEqual(usersCreated);
    expect(res.data!.ledgerAudit.accountsChecked).toBe(accounts);
    expect(res.data!.ledgerAudit.violations).toEqual([]);
  });

  it('reports a balance changed behind the ledger, naming that account, and is clean again once it is put back', async () => {
    const user = await newUser();
    await grant(user.id, '2');
    const accountId = await withClient(t.databaseUrl, async (c) => {
      await c.query('update credit_account set balance = balance + 1 where user_id = $1', [user.id]);
      return (await c.query('select id from credit_account where user_id = $1', [user.id])).rows[0].id as string;
    });
    const corrupt = (await t.gql(AUDIT, {}, admin.token)).data!.ledgerAudit as { violations: string[] };
    expect(corrupt.violations.length).toBeGreaterThan(0);
    for (const violation of corrupt.violations) expect(violation).toContain(accountId);
    expect(corrupt.violations.some((v) => v.startsWith('balance equals the sum of its entries'))).toBe(true);

    await withClient(t.databaseUrl, (c) => c.query('update credit_account set balance = balance - 1 where user_id = $1', [user.id]));
    expect((await t.gql(AUDIT, {}, admin.token)).data!.ledgerAudit.violations).toEqual([]);
  });
});
