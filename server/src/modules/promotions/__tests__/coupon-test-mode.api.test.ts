import { parseCredits } from '@tollgate/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from '../../../test-support/app.js';
import { BUY, packageWithBonus, payments, redisEnv, type Package } from '../../billing/__tests__/billing-support.js';
import { CREDIT, entries, SUBSCRIBE, subscription, tierOf } from '../../billing/__tests__/subscription-support.js';
import { balanceOf, ledgerAudit, newUser, ok, signInAdmin } from '../../gateway/__tests__/support.js';
import { couponRow, createCoupon, freshCode, REDEEM, REDEMPTIONS, reason, tally } from './coupon-support.js';

const PUBLIC_URL = 'http://tollgate.test:8080';

async function press(t: TestApp, url: string, action: string) {
  const res = await fetch(`${t.url}${new URL(url).pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ action }).toString(),
    redirect: 'manual',
  });
  return res.headers.get('location');
}

const cents = (usd: string) => {
  const [whole, frac = ''] = usd.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
};

describe('coupons in test mode: discounts at the test checkout, FREE_MONTH', () => {
  let t: TestApp;
  let admin: string;
  let pkg: Package;

  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_URL, ...redisEnv('coupon-test-mode') });
    admin = await signInAdmin(t);
    pkg = await packageWithBonus(t, admin);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('PERCENT_OFF at buyCredits: the test checkout asks the reduced amount, the credits stay the package; Pay confirms the redemption', async () => {
    const code = freshCode('PCT');
    await createCoupon(t, admin, { code, kind: 'PERCENT_OFF', percentOff: 15, maxRedemptions: 5 });
    const user = await newUser(t, admin, 'pct');
    const before = await balanceOf(t, user.token);
    const session = ok(await t.gql(BUY, { i: { packageCode: pkg.code, couponCode: code.toLowerCase() } }, user.token), 'buyCredits');
    const price = cents(pkg.priceUsd);
    const expected = price - Math.floor((price * 15 + 50) / 100);
    const [pending] = (await payments(t, user.token)).nodes;
    expect(pending).toMatchObject({ status: 'PENDING', amountUsd: (expected / 100).toFixed(2) });
    expect(await (await fetch(`${t.url}${new URL(session.url).pathname}`)).text()).toContain(`$${(expected / 100).toFixed(2)} (not charged)`);
    expect(await couponRow(t, admin, code)).toMatchObject({ redemptions: 1 });
    expect(ok<any[]>(await t.gql(REDEMPTIONS, { c: code }, admin), 'adminCouponRedemptions')).toEqual([
      expect.objectContaining({
        status: 'PENDING',
        amountUsd: (expected / 100).toFixed(2),
        discountUsd: ((price - expected) / 100).toFixed(2),
        targetCode: pkg.code,
        reference: `checkout:${session.id}`,
      }),
    ]);
    expect(await press(t, session.url, 'pay')).toContain('/billing/success');
    expect((await balanceOf(t, user.token)).balance - before.balance).toBe(parseCredits(pkg.credits) + parseCredits(pkg.bonusCredits));
    expect((await payments(t, user.token)).nodes[0]).toMatchObject({ status: 'PAID', amountUsd: (expected / 100).toFixed(2) });
    expect(ok<any[]>(await t.gql(REDEMPTIONS, { c: code }, admin), 'adminCouponRedemptions')[0].status).toBe('REDEEMED');
  });

  it('Cancel and Fail release the reservation: the use is given back and the coupon can be used again', async () => {
    const code = freshCode('ONCE');
    await createCoupon(t, admin, { code, kind: 'AMOUNT_OFF', amountOffUsd: '1.25', maxRedemptions: 1 });
    const user = await newUser(t, admin, 'released');
    const first = ok(await t.gql(BUY, { i: { packageCode: pkg.code, couponCode: code } }, user.token), 'buyCredits');
    // Reserved: the only use is taken while the checkout is open.
    const other = await newUser(t, admin, 'released-other');
    expect(reason(await t.gql(BUY, { i: { packageCode: pkg.code, couponCode: code } }, other.token))).toBe('EXHAUSTED');
    expect(await press(t, first.url, 'cancel')).toContain('/billing/cancel');
    expect(await couponRow(t, admin, code)).toMatchObject({ redemptions: 0 });
    const second = ok(await t.gql(BUY, { i: { packageCode: pkg.code, couponCode: code } }, user.token), 'buyCredits');
    expect(await press(t, second.url, 'fail')).toContain('/billing/cancel');
    expect(await couponRow(t, admin, code)).toMatchObject({ redemptions: 0 });
    const third = ok(await t.gql(BUY, { i: { packageCode: pkg.code, couponCode: code } }, other.token), 'buyCredits');
    expect(await press(t, third.url, 'pay')).toContain('/billing/success');
    expect((await payments(t, other.token)).nodes[0]).toMatchObject({ status: 'PAID', amountUsd: ((cents(pkg.priceUsd) - 125) / 100).toFixed(2) });
    expect(ok<any[]>(await t.gql(REDEMPTIONS, { c: code }, admin), 'adminCouponRedemptions').map((r) => r.status)).toEqual([
      'REDEEMED',
      'RELEASED',
      'RELEASED',
    ]);
    expect(await couponRow(t, admin, code)).toMatchObject({ redemptions: 1 });
  });

  it('20 checkouts opened at once with a 1-use discount: exactly one is reserved', async () => {
    const code = freshCode('RACE');
    await createCoupon(t, admin, { code, kind: 'PERCENT_OFF', percentOff: 10, maxRedemptions: 1 });
    const users = await Promise.all(Array.from({ length: 20 }, (_, i) => newUser(t, admin, `race-co-${i}`)));
    const counts = tally(await Promise.all(users.map((u) => t.gql(BUY, { i: { packageCode: pkg.code, couponCode: code } }, u.token))));
    console.log(`[measured] 20 concurrent checkouts with a 1-use discount: ${JSON.stringify(counts)}`);
    expect(counts).toEqual({ OK: 1, 'BAD_USER_INPUT:EXHAUSTED': 19 });
    expect(await t.app.sql.query(`select count(*)::int as n from payment where user_id = any($1)`, [users.map((u) => u.id)])).toEqual([{ n: 1 }]);
  });

  it('checkout refusals: unknown, not applicable to the package, a CREDITS code, first purchase only; nothing opened', async () => {
    const user = await newUser(t, admin, 'co-refused');
    const onlyOther = freshCode('OTHER');
    const credits = freshCode('CRED');
    const first = freshCode('FIRST');
    await createCoupon(t, admin, { code: onlyOther, kind: 'PERCENT_OFF', percentOff: 10, appliesTo: ['starter'] });
    await createCoupon(t, admin, { code: credits, kind: 'CREDITS', credits: '1' });
    await createCoupon(t, admin, { code: first, kind: 'PERCENT_OFF', percentOff: 10, firstPurchaseOnly: true });
    expect(errorCode(await t.gql(BUY, { i: { packageCode: pkg.code, couponCode: 'NO-SUCH-CODE' } }, user.token))).toBe('NOT_FOUND');
    for (const code of [onlyOther, credits])
      expect(reason(await t.gql(BUY, { i: { packageCode: pkg.code, couponCode: code } }, user.token))).toBe('NOT_APPLICABLE');
    expect(await t.app.sql.query(`select count(*)::int as n from payment where user_id = $1`, [user.id])).toEqual([{ n: 0 }]);
    const paid = ok(await t.gql(BUY, { i: { packageCode: pkg.code } }, user.token), 'buyCredits');
    await press(t, paid.url, 'pay');
    expect(reason(await t.gql(BUY, { i: { packageCode: pkg.code, couponCode: first } }, user.token))).toBe('NOT_APPLICABLE');
    expect(await couponRow(t, admin, first)).toMatchObject({ redemptions: 0 });
  });

  it('AMOUNT_OFF at subscribe: the first invoice is the reduced amount, the allocation is the tier', async () => {
    const code = freshCode('SUBOFF');
    await createCoupon(t, admin, { code, kind: 'AMOUNT_OFF', amountOffUsd: '4', appliesTo: ['starter'] });
    const user = await newUser(t, admin, 'sub-off');
    const before = await balanceOf(t, user.token);
    expect(reason(await t.gql(SUBSCRIBE, { i: { tierCode: 'pro', couponCode: code } }, user.token))).toBe('NOT_APPLICABLE');
    const session = ok(await t.gql(SUBSCRIBE, { i: { tierCode: 'starter', couponCode: code } }, user.token), 'subscribe');
    expect(await press(t, session.url, 'pay')).toContain('/billing/success');
    expect((await payments(t, user.token)).nodes[0]).toMatchObject({ kind: 'SUBSCRIPTION', status: 'PAID', amountUsd: '5.00' });
    expect((await balanceOf(t, user.token)).balance - before.balance).toBe(1000n * CREDIT);
    expect(ok<any[]>(await t.gql(REDEMPTIONS, { c: code }, admin), 'adminCouponRedemptions')[0]).toMatchObject({ status: 'REDEEMED', targetCode: 'starter' });
    // A cancelled subscription checkout gives its reservation back.
    const other = await newUser(t, admin, 'sub-off-cancel');
    const cancelled = ok(await t.gql(SUBSCRIBE, { i: { tierCode: 'starter', couponCode: code } }, other.token), 'subscribe');
    expect(await press(t, cancelled.url, 'cancel')).toContain('/billing/cancel');
    expect(await couponRow(t, admin, code)).toMatchObject({ redemptions: 1 });
  });

  it('FREE_MONTH gives the tier and its allocation exactly once, even redeemed 10 times at once; at its end the user is back on free', async () => {
    const code = freshCode('FREEMONTH');
    await createCoupon(t, admin, { code, kind: 'FREE_MONTH', tierCode: 'pro', perUserLimit: 5 });
    const user = await newUser(t, admin, 'free-month');
    const before = await balanceOf(t, user.token);
    const results = await Promise.all(Array.from({ length: 10 }, () => t.gql(REDEEM, { c: code }, user.token)));
    const counts = tally(results);
    console.log(`[measured] 10 concurrent FREE_MONTH redemptions by one user (per-user limit 5): ${JSON.stringify(counts)}`);
    expect(counts).toEqual({ OK: 1, 'BAD_USER_INPUT:NOT_APPLICABLE': 9 });
    const won = results.find((r) => !r.errors)!.data!.redeemCoupon;
    expect(won).toMatchObject({ coupon: { code, kind: 'FREE_MONTH' }, credits: '3500.000000', tierCode: 'pro', transaction: null });
    expect((await balanceOf(t, user.token)).balance - before.balance).toBe(3500n * CREDIT);
    expect(await tierOf(t, user.token)).toBe('pro');
    expect(await subscription(t, user.token)).toMatchObject({ status: 'ACTIVE', tier: { code: 'pro' }, cancelAtPeriodEnd: true });
    expect((await entries(t, user.token, ['SUBSCRIPTION'])).map((e) => e.amount)).toEqual(['3500.000000']);
    expect(await couponRow(t, admin, code)).toMatchObject({ redemptions: 1, creditsGranted: '3500.000000' });
    // The free month is no Stripe subscription: it cannot be resumed or changed, only waited out.
    expect(errorCode(await t.gql(`mutation { resumeSubscription { status } }`, {}, user.token))).toBe('BAD_USER_INPUT');

    // The allocation expires with the month (the ledger's expiry sweep takes it then).
    const [row] = await t.app.sql.query(
      `select (select g.expires_at from credit_grant g join credit_account a on a.id = g.account_id where a.user_id = $1 and g.source = 'subscription') as grant_end,
         (select current_period_end from subscription where user_id = $1) as period_end`,
      [user.id],
    );
    expect(new Date(row!.grant_end).getTime()).toBe(new Date(row!.period_end).getTime());
    // The month passes: the test-mode renewal ends it (it was set to cancel at its end) and the user is on free again.
    const past = new Date(Date.now() - 1000);
    await t.app.sql.query(
      `update credit_grant g set expires_at = $2 from credit_account a where a.id = g.account_id and a.user_id = $1 and g.source = 'subscription'`,
      [user.id, past],
    );
    await t.app.sql.query(`update subscription set current_period_end = $2 where user_id = $1 and stripe_subscription_id like 'sub_tollgate_coupon_%'`, [
      user.id,
      past,
    ]);
    expect(await subscription(t, user.token)).toMatchObject({ status: 'CANCELED' });
    expect(await tierOf(t, user.token)).toBe('free');
    expect((await entries(t, user.token, ['SUBSCRIPTION'])).map((e) => e.amount)).toEqual(['3500.000000']);
    // A second free month is a new, separate redemption (per-user limit 5): once more, once.
    ok(await t.gql(REDEEM, { c: code }, user.token), 'redeemCoupon');
    expect((await entries(t, user.token, ['SUBSCRIPTION'])).map((e) => e.amount)).toEqual(['3500.000000', '3500.000000']);
    // With a live subscription, a FREE_MONTH is not applicable (and counts nothing).
    expect(reason(await t.gql(REDEEM, { c: code }, user.token))).toBe('NOT_APPLICABLE');
    expect(await couponRow(t, admin, code)).toMatchObject({ redemptions: 2 });
  });

  it('ledgerAudit is clean', async () => {
    expect(await ledgerAudit(t, admin)).toMatchObject({ violations: [] });
  });
});
