import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test-support/app.js';
import { packageWithBonus, redisEnv } from '../../billing/__tests__/billing-support.js';
import { ledgerAudit, ok, signInAdmin } from '../../gateway/__tests__/support.js';
import { createCoupon, freshCode, REDEEM } from './coupon-support.js';
import { bonuses, freshDomain, member, pay, PUBLIC_URL, referralOf } from './referral-support.js';

/** A FREE_MONTH goes through the subscription allocation like a paid month, but it is no payment: no referral bonus. */
describe('coupons and referrals', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_URL, ...redisEnv('coupon-referral') });
    admin = await signInAdmin(t);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("a referred user's free month earns nobody a referral bonus; their first real payment then does", async () => {
    const code = freshCode('FREEREF');
    await createCoupon(t, admin, { code, kind: 'FREE_MONTH', tierCode: 'starter' });
    const referrer = await member(t, `referrer@${freshDomain('a')}`);
    const referred = await member(t, `referred@${freshDomain('b')}`, (await referralOf(t, referrer)).code);
    ok(await t.gql(REDEEM, { c: code }, referred.token), 'redeemCoupon');
    expect(await bonuses(t, referrer)).toEqual([]);
    expect(await bonuses(t, referred)).toEqual([]);
    await pay(t, referred, (await packageWithBonus(t, admin)).code);
    expect(await bonuses(t, referrer)).toHaveLength(1);
    expect(await ledgerAudit(t, admin)).toMatchObject({ violations: [] });
  });
});
