/** What the coupon suites share: creating coupons, redeeming, reading a coupon's counts. */
import { randomBytes } from 'node:crypto';
import type { GqlResult, TestApp } from '../../../test-support/app.js';
import { ok } from '../../gateway/__tests__/support.js';

export const REDEEM = `mutation($c: String!) { redeemCoupon(code: $c) { coupon { code kind } credits transaction { id type amount reference } tierCode endsAt } }`;
export const VALIDATE = `query($c: String!, $t: String) { validateCoupon(code: $c, target: $t) { valid reason message coupon { code kind } credits percentOff amountOffUsd tierCode } }`;
export const CREATE = `mutation($i: CouponInput!) { adminCreateCoupon(input: $i) { code kind credits percentOff amountOffUsd tierCode freeMonths maxRedemptions redemptions perUserLimit active createdBy creditsGranted appliesTo } }`;
export const COUPONS = `{ adminCoupons { code kind redemptions creditsGranted active maxRedemptions campaign } }`;
export const REDEMPTIONS = `query($c: String!) { adminCouponRedemptions(code: $c) { status credits amountUsd discountUsd targetCode reference userEmail } }`;

/** A fresh code (upper-case) for each coupon a test makes. */
export const freshCode = (tag: string) => `${tag}-${randomBytes(4).toString('hex')}`.toUpperCase();

export async function createCoupon(t: TestApp, admin: string, input: Record<string, unknown>) {
  return ok(await t.gql(CREATE, { i: input }, admin), 'adminCreateCoupon');
}

export async function couponRow(t: TestApp, admin: string, code: string) {
  const all = ok<any[]>(await t.gql(COUPONS, {}, admin), 'adminCoupons');
  return all.find((c) => c.code === code);
}

export const reason = (res: GqlResult) => res.errors?.[0]?.extensions?.reason as string | undefined;

/** Counts of what each outcome of many redemptions answered: { OK: n, EXHAUSTED: m, ... }. */
export function tally(results: GqlResult[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of results) {
    const key = r.errors ? `${r.errors[0]!.extensions?.code}:${r.errors[0]!.extensions?.reason ?? ''}` : 'OK';
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
