import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createKey } from '../../auth/__tests__/helpers.js';
import { admin, t, useLedgerApp, type Tx, type User } from './api-helpers.js';
import { ACCOUNTS, AUDIT, DEDUCT, GRANT, REFUND, balanceOf, deduct, expectRefused, input, newUser } from './admin-api-helpers.js';

useLedgerApp();

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

    it.each([['not-a-uuid'], [''], ["'; drop table ledger_entry; --"]])('refuses the malformed userId %j with NOT_FOUND and writes nothing', async (userId) => {
      await expectRefused(() => t.gql(mutation, { input: input(userId, '1') }, admin.token), 'NOT_FOUND');
    });
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
    await expectRefused(
      () => t.gql(REFUND, { input: { userId: userId(), transactionId: spend.id, reason: 'x', idempotencyKey: randomUUID() } }, admin.token),
      code,
    );
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
