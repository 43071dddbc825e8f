import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balanceOf, ledgerAudit, newUser, setAvailable, signInAdmin } from '../../gateway/__tests__/support.js';
import { buy, deliver, packageWithBonus, stripeEvent } from './billing-support.js';
import { clawbacks, creditsOf, debtsOf, paidPackage, paymentRow, refundPayments, startRefundWorld, type RefundWorld } from './refund-support.js';

const sumOf = (xs: Array<{ amount: bigint }>) => xs.reduce((a, x) => a + x.amount, 0n);

describe('disputes take back everything a payment bought, and never more together with its refunds', () => {
  let w: RefundWorld;
  let admin: string;

  beforeAll(async () => {
    w = await startRefundWorld('dispute');
    admin = await signInAdmin(w.t);
  });
  afterAll(async () => {
    expect(await ledgerAudit(w.t, admin)).toMatchObject({ violations: [] });
    await w?.t.stop();
    await w?.fake.stop();
  });

  it('a dispute takes back all the credits once, however often it is delivered, and marks the payment DISPUTED', async () => {
    const user = await newUser(w.t, admin, 'disputed');
    const before = await balanceOf(w.t, user.token);
    const { pkg, session, charge } = await paidPackage(w, admin, user);
    const created = stripeEvent('charge.dispute.created', w.charges.dispute(charge.id));
    const answers = await Promise.all([created, created, created].map((e) => deliver(w.t, e)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    await deliver(w.t, stripeEvent('charge.dispute.created', w.charges.disputes.get(created.data.object.id as string)!));
    expect((await balanceOf(w.t, user.token)).balance).toBe(before.balance);
    expect(await clawbacks(w.t, user.token)).toEqual([{ amount: -creditsOf(pkg), reference: `dispute:${created.data.object.id}` }]);
    expect((await refundPayments(w.t, user.token))[0]).toMatchObject({ status: 'DISPUTED' });
    expect(await paymentRow(w.t, session)).toMatchObject({ credits_clawed_back: creditsOf(pkg) });
  });

  it('a partial refund then a dispute take back creditsGranted in total; a refund after the dispute takes nothing more', async () => {
    const user = await newUser(w.t, admin, 'refund-dispute');
    const before = await balanceOf(w.t, user.token);
    const { pkg, charge } = await paidPackage(w, admin, user);
    await deliver(w.t, stripeEvent('charge.refunded', w.charges.refund(charge.id, 250)));
    await deliver(w.t, stripeEvent('charge.dispute.created', w.charges.dispute(charge.id)));
    await deliver(w.t, stripeEvent('charge.refunded', w.charges.refund(charge.id)));
    expect((await balanceOf(w.t, user.token)).balance).toBe(before.balance);
    expect(sumOf(await clawbacks(w.t, user.token))).toBe(-creditsOf(pkg));
    expect((await refundPayments(w.t, user.token))[0]).toMatchObject({ status: 'DISPUTED' });
  });

  it('a dispute and a full refund of one charge delivered at the same time take back creditsGranted once', async () => {
    const user = await newUser(w.t, admin, 'race');
    const before = await balanceOf(w.t, user.token);
    const { pkg, charge } = await paidPackage(w, admin, user);
    const dispute = stripeEvent('charge.dispute.created', w.charges.dispute(charge.id));
    const refund = stripeEvent('charge.refunded', w.charges.refund(charge.id));
    const answers = await Promise.all([dispute, refund, dispute, refund].map((e) => deliver(w.t, e)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect((await balanceOf(w.t, user.token)).balance).toBe(before.balance);
    expect(sumOf(await clawbacks(w.t, user.token))).toBe(-creditsOf(pkg));
    expect(await debtsOf(w.t, user.id)).toEqual([]);
  });

  it('a dispute of spent credits takes what is available and records the rest as debt, never a negative balance', async () => {
    const user = await newUser(w.t, admin, 'spent');
    const { pkg, charge } = await paidPackage(w, admin, user);
    await setAvailable(w.t, admin, user, 0n);
    const created = stripeEvent('charge.dispute.created', w.charges.dispute(charge.id));
    await deliver(w.t, created);
    expect(await balanceOf(w.t, user.token)).toEqual({ balance: 0n, held: 0n, available: 0n });
    expect(await clawbacks(w.t, user.token)).toEqual([]);
    expect(await debtsOf(w.t, user.id)).toEqual([{ cause: `dispute:${created.data.object.id}`, credits: creditsOf(pkg), settled: 0n }]);
    // A refund of the same charge afterwards: nothing more is owed.
    await deliver(w.t, stripeEvent('charge.refunded', w.charges.refund(charge.id)));
    expect(await debtsOf(w.t, user.id)).toHaveLength(1);
  });

  it('a refund event for a payment not yet fulfilled is answered non-2xx (Stripe retries) and applies after the fulfilment', async () => {
    const user = await newUser(w.t, admin, 'early');
    const before = await balanceOf(w.t, user.token);
    const pkg = await packageWithBonus(w.t, admin);
    const session = await buy(w.t, user.token, pkg.code);
    const completed = w.fake.completeSession(session.id, 'paid');
    const charge = w.charges.charge(session.id);
    const refunded = stripeEvent('charge.refunded', w.charges.refund(charge.id));
    expect((await deliver(w.t, refunded)).status).toBe(500);
    expect(await balanceOf(w.t, user.token)).toEqual(before);
    await deliver(w.t, stripeEvent('checkout.session.completed', completed));
    expect((await deliver(w.t, refunded)).status).toBe(200);
    expect((await balanceOf(w.t, user.token)).balance).toBe(before.balance);
    expect(sumOf(await clawbacks(w.t, user.token))).toBe(-creditsOf(pkg));
  });
});
