import { randomBytes, randomUUID } from 'node:crypto';
import { formatCredits } from '@tollgate/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_ADMIN } from '../../../test-support/app.js';
import { withClient } from '../../../test-support/database.js';
import { admin, t, useLedgerApp, usersCreated, type User } from './api-helpers.js';
import { ACCOUNTS, AUDIT, DEDUCT, REFUND, balanceOf, deduct, expectRefused, grant, input, newUser, ok } from './admin-api-helpers.js';

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

useLedgerApp();

describe('adminGrantCredits, adminDeductCredits and adminRefundCredits', () => {
  it('grants credit as an ADMIN_GRANT entry and an admin bucket, recording the admin as actor', async () => {
    const user = await newUser();
    const tx = await grant(user.id, '25', { reason: 'goodwill' });
    expect(tx).toMatchObject({ type: 'ADMIN_GRANT', amount: '25.000000', balanceAfter: '35.000000', description: 'goodwill', actorType: 'admin' });
    expect(await balanceOf(user)).toBe('35.000000');
    const row = await withClient(
      t.databaseUrl,
      async (c) =>
        (
          await c.query(
            `select e.actor_id, e.type, g.source, g.amount::text, g.remaining::text, g.priority, g.expires_at
           from ledger_entry e join credit_grant g on g.entry_id = e.id where e.id = $1`,
            [tx.id],
          )
        ).rows[0],
    );
    expect(row).toEqual({
      actor_id: admin.id,
      type: 'admin_grant',
      source: 'admin',
      amount: '25000000',
      remaining: '25000000',
      priority: 40,
      expires_at: null,
    });
  });

  it('grants credit that expires at the given time', async () => {
    const user = await newUser();
    const expiresAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const tx = await grant(user.id, '3', { expiresAt });
    const grants = (await t.gql('{ creditGrants { amount expiresAt } }', {}, user.token)).data!.creditGrants as Array<{
      amount: string;
      expiresAt: string | null;
    }>;
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
    const part = await ok(
      t.gql(REFUND, { input: { userId: user.id, transactionId: spend.id, amount: '1.5', reason: 'partial', idempotencyKey: randomUUID() } }, admin.token),
      'adminRefundCredits',
    );
    expect(part).toMatchObject({
      type: 'REFUND',
      amount: '1.500000',
      balanceAfter: '7.500000',
      description: 'partial',
      reference: `entry:${spend.id}`,
      actorType: 'admin',
    });
    const rest = await ok(
      t.gql(REFUND, { input: { userId: user.id, transactionId: spend.id, reason: 'the rest', idempotencyKey: randomUUID() } }, admin.token),
      'adminRefundCredits',
    );
    expect(rest).toMatchObject({ type: 'REFUND', amount: '2.500000', balanceAfter: '10.000000' });
    expect(await balanceOf(user)).toBe('10.000000');
    const linked = await withClient(t.databaseUrl, (c) =>
      c.query('select source, amount::text from credit_grant where refund_of_entry_id = $1 order by amount', [spend.id]),
    );
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
      () =>
        t.gql(
          REFUND,
          { input: { userId: user.id, transactionId: spend.id, amount: '3.000001', reason: 'too much', idempotencyKey: randomUUID() } },
          admin.token,
        ),
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

describe('adminAccounts', () => {
  const tag = `acct${randomBytes(4).toString('hex')}`;
  let users: User[];

  beforeAll(async () => {
    users = [];
    for (let i = 0; i < 32; i += 1) users.push(await newUser(tag));
    await grant(users[0]!.id, '5');
    await deduct(users[1]!.id, '3');
  });

  const accounts = async (variables: Record<string, unknown>): Promise<AccountPage> =>
    ok<AccountPage>(t.gql(ACCOUNTS, variables, admin.token), 'adminAccounts');
  const emailsInDb = async (like: string) =>
    withClient(t.databaseUrl, async (c) =>
      (await c.query('select email from app_user where email like $1 order by email', [like])).rows.map((r) => r.email as string),
    );

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
