import { parseCredits } from '@tollgate/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test-support/app.js';
import {
  BUY,
  deliver,
  payments,
  stripeEvent,
  type Package,
  startStripeSuite,
  stopStripeSuite,
  type StripeSuite,
} from '../../billing/__tests__/billing-support.js';
import { FakeStripe } from '../../billing/__tests__/fakes/fake-stripe.js';
import { FakeCoupons } from '../../billing/__tests__/fakes/fake-stripe-coupons.js';
import { SUBSCRIBE } from '../../billing/__tests__/subscription-support.js';
import { balanceOf, ledgerAudit, newUser, ok } from '../../gateway/__tests__/support.js';
import { couponRow, createCoupon, freshCode, REDEMPTIONS } from './coupon-support.js';

const PUBLIC_URL = 'https://tollgate.example';
const cents = (usd: string) => {
  const [whole, frac = ''] = usd.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
};

describe('discount coupons through Stripe Checkout (fake)', () => {
  let fake: FakeStripe;
  let coupons: FakeCoupons;
  let t: TestApp;
  let admin: string;
  let pkg: Package;

  let suite: StripeSuite;

  beforeAll(async () => {
    fake = new FakeStripe();
    coupons = new FakeCoupons(fake);
    suite = await startStripeSuite('coupon-stripe', { publicUrl: PUBLIC_URL, fake });
    ({ fake, t, admin, pkg } = suite);
  });
  afterAll(() => stopStripeSuite(suite));

  it("PERCENT_OFF: one Stripe coupon derived from the code, the session's amount is the exact reduced amount; payment confirms the redemption", async () => {
    const code = freshCode('EARLYBIRD');
    await createCoupon(t, admin, { code, kind: 'PERCENT_OFF', percentOff: 15 });
    const [a, b] = [await newUser(t, admin, 'pct-a'), await newUser(t, admin, 'pct-b')];
    const before = await balanceOf(t, a.token);
    const sa = ok(await t.gql(BUY, { i: { packageCode: pkg.code, couponCode: code.toLowerCase() } }, a.token), 'buyCredits');
    const sb = ok(await t.gql(BUY, { i: { packageCode: pkg.code, couponCode: code } }, b.token), 'buyCredits');
    const price = cents(pkg.priceUsd);
    const reduced = price - Math.floor((price * 15 + 50) / 100);
    // The same Stripe coupon for both checkouts: created once (the second create answers "exists" and is retrieved).
    expect([...coupons.coupons.keys()].filter((id) => id === `tollgate_${code}`)).toHaveLength(1);
    expect(coupons.coupons.get(`tollgate_${code}`)).toMatchObject({ percent_off: 15, duration: 'once', amount_off: null });
    for (const s of [sa, sb]) {
      expect(fake.checkoutSessions.get(s.id)).toMatchObject({ amount_subtotal: price, amount_total: reduced, discounts: [{ coupon: `tollgate_${code}` }] });
    }
    expect((await payments(t, a.token)).nodes[0]).toMatchObject({ status: 'PENDING', amountUsd: (reduced / 100).toFixed(2) });
    expect(await couponRow(t, admin, code)).toMatchObject({ redemptions: 2 });

    const paid = await deliver(t, stripeEvent('checkout.session.completed', fake.completeSession(sa.id, 'paid')));
    expect(paid.status).toBe(200);
    expect((await balanceOf(t, a.token)).balance - before.balance).toBe(parseCredits(pkg.credits) + parseCredits(pkg.bonusCredits));
    expect((await payments(t, a.token)).nodes[0]).toMatchObject({ status: 'PAID', amountUsd: (reduced / 100).toFixed(2) });

    // B's checkout expires unpaid: its reservation is released and the count given back.
    expect((await deliver(t, stripeEvent('checkout.session.expired', { ...fake.checkoutSessions.get(sb.id)!, status: 'expired' }))).status).toBe(200);
    expect(await couponRow(t, admin, code)).toMatchObject({ redemptions: 1 });
    const statuses = ok<any[]>(await t.gql(REDEMPTIONS, { c: code }, admin), 'adminCouponRedemptions').map((r) => [r.reference, r.status]);
    expect(statuses.sort()).toEqual(
      [
        [`checkout:${sa.id}`, 'REDEEMED'],
        [`checkout:${sb.id}`, 'RELEASED'],
      ].sort(),
    );
  });

  it('AMOUNT_OFF on a 1-use coupon: the session is $X less; an expired checkout frees the use for someone else; a failed async payment too', async () => {
    const code = freshCode('FIVEOFF');
    await createCoupon(t, admin, { code, kind: 'AMOUNT_OFF', amountOffUsd: '2.50', maxRedemptions: 1 });
    const [a, b, c] = [await newUser(t, admin, 'amt-a'), await newUser(t, admin, 'amt-b'), await newUser(t, admin, 'amt-c')];
    const sa = ok(await t.gql(BUY, { i: { packageCode: pkg.code, couponCode: code } }, a.token), 'buyCredits');
    expect(coupons.coupons.get(`tollgate_${code}`)).toMatchObject({ amount_off: 250, currency: 'usd', percent_off: null });
    expect(fake.checkoutSessions.get(sa.id)).toMatchObject({ amount_total: cents(pkg.priceUsd) - 250, total_details: { amount_discount: 250 } });
    expect((await t.gql(BUY, { i: { packageCode: pkg.code, couponCode: code } }, b.token)).errors?.[0]?.extensions?.reason).toBe('EXHAUSTED');
    await deliver(t, stripeEvent('checkout.session.expired', fake.checkoutSessions.get(sa.id)!));
    const sb = ok(await t.gql(BUY, { i: { packageCode: pkg.code, couponCode: code } }, b.token), 'buyCredits');
    // A delayed payment that fails releases it too.
    fake.completeSession(sb.id, 'unpaid');
    await deliver(t, stripeEvent('checkout.session.async_payment_failed', fake.settleSession(sb.id, 'failed')));
    expect(await couponRow(t, admin, code)).toMatchObject({ redemptions: 0 });
    ok(await t.gql(BUY, { i: { packageCode: pkg.code, couponCode: code } }, c.token), 'buyCredits');
    expect(await couponRow(t, admin, code)).toMatchObject({ redemptions: 1 });
  });

  it('a discount at subscribe: the subscription-mode session carries the coupon and the reduced first amount', async () => {
    const code = freshCode('SUBPCT');
    await createCoupon(t, admin, { code, kind: 'PERCENT_OFF', percentOff: 50, appliesTo: ['starter'] });
    const user = await newUser(t, admin, 'sub-pct');
    const session = ok(await t.gql(SUBSCRIBE, { i: { tierCode: 'starter', couponCode: code } }, user.token), 'subscribe');
    expect(fake.checkoutSessions.get(session.id)).toMatchObject({
      mode: 'subscription',
      amount_subtotal: 900,
      amount_total: 450,
      discounts: [{ coupon: `tollgate_${code}` }],
    });
    expect(ok<any[]>(await t.gql(REDEMPTIONS, { c: code }, admin), 'adminCouponRedemptions')[0]).toMatchObject({
      status: 'PENDING',
      amountUsd: '4.50',
      reference: `checkout:${session.id}`,
    });
    await deliver(t, stripeEvent('checkout.session.completed', fake.completeSession(session.id, 'paid')));
    expect(ok<any[]>(await t.gql(REDEMPTIONS, { c: code }, admin), 'adminCouponRedemptions')[0].status).toBe('REDEEMED');
  });

  it('ledgerAudit is clean', async () => {
    expect(await ledgerAudit(t, admin)).toMatchObject({ violations: [] });
  });
});
