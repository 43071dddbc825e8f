import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test-support/app.js';
import { ledgerAudit, newUser, signInAdmin } from '../../gateway/__tests__/support.js';
import { buy, deliver, packageWithBonus, redisEnv, stripeEvent } from './billing-support.js';
import { paidPackage, paymentRow, refundPayments, startRefundWorld, type RefundWorld } from './refund-support.js';

const usd = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

describe('fees and receipts come from the charge and its balance transaction, whenever they arrive', () => {
  let w: RefundWorld;
  let admin: string;

  beforeAll(async () => {
    w = await startRefundWorld('fee');
    admin = await signInAdmin(w.t);
  });
  afterAll(async () => {
    expect(await ledgerAudit(w.t, admin)).toMatchObject({ violations: [] });
    await w?.t.stop();
    await w?.fake.stop();
  });

  it('stores the receipt at once and the fee when a later charge.updated brings the balance transaction, once', async () => {
    const user = await newUser(w.t, admin, 'late-fee');
    const { session, charge } = await paidPackage(w, admin, user, { balance: false });
    expect((await deliver(w.t, stripeEvent('charge.succeeded', charge))).status).toBe(200);
    expect((await refundPayments(w.t, user.token))[0]).toMatchObject({ receiptUrl: charge.receipt_url, feeUsd: null });

    const updated = w.charges.settleBalance(charge.id);
    const retrievals = w.fake.calls('GET', `/v1/balance_transactions/${updated.balance_transaction}`).length;
    const event = stripeEvent('charge.updated', updated);
    await Promise.all([deliver(w.t, event), deliver(w.t, event)]);
    await deliver(w.t, stripeEvent('charge.updated', updated)); // the same state again
    const fee = w.charges.feeOf(charge.amount);
    expect((await refundPayments(w.t, user.token))[0]).toMatchObject({ status: 'PAID', receiptUrl: charge.receipt_url, feeUsd: usd(fee) });
    expect(await paymentRow(w.t, session)).toMatchObject({
      fee_cents: fee,
      stripe_charge_id: charge.id,
      stripe_balance_transaction_id: updated.balance_transaction,
    });
    expect(w.fake.calls('GET', `/v1/balance_transactions/${updated.balance_transaction}`).length).toBe(retrievals + 1);
  });

  it('fills the fee from a charge.succeeded that arrives before the checkout completes (found through its session)', async () => {
    const user = await newUser(w.t, admin, 'early-charge');
    const pkg = await packageWithBonus(w.t, admin);
    const session = await buy(w.t, user.token, pkg.code);
    const completed = w.fake.completeSession(session.id, 'paid');
    const charge = w.charges.charge(session.id);
    expect((await deliver(w.t, stripeEvent('charge.succeeded', charge))).status).toBe(200);
    expect((await refundPayments(w.t, user.token))[0]).toMatchObject({
      status: 'PENDING',
      feeUsd: usd(w.charges.feeOf(charge.amount)),
      receiptUrl: charge.receipt_url,
    });
    await deliver(w.t, stripeEvent('checkout.session.completed', completed));
    expect((await refundPayments(w.t, user.token))[0]).toMatchObject({ status: 'PAID', feeUsd: usd(w.charges.feeOf(charge.amount)) });
  });
});

describe('fees in test mode', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ STRIPE_SECRET_KEY: '', ...redisEnv('fee-test-mode') });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('a test-mode payment has no fee and no receipt: no money moved', async () => {
    const admin = await signInAdmin(t);
    const user = await newUser(t, admin, 'test-mode-fee');
    const pkg = await packageWithBonus(t, admin);
    const session = await buy(t, user.token, pkg.code);
    expect(session.url).toContain('/test-checkout/');
    const [payment] = await refundPayments(t, user.token);
    expect(payment).toMatchObject({ feeUsd: null, receiptUrl: null, refundedUsd: '0.00' });
  });
});
