import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { errorCode } from '../../../test-support/app.js';
import { withClient } from '../../../test-support/database.js';
import { admin, t, useLedgerApp } from './api-helpers.js';
import { DEDUCT, GRANT, REFUND, balanceOf, expectRefused, grant, input, ledgerRows, newUser, ok } from './admin-api-helpers.js';

useLedgerApp();

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
    const rows = await withClient(t.databaseUrl, (c) =>
      c.query('select count(*)::int as n from ledger_entry where idempotency_key = $1', [request.idempotencyKey]),
    );
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
