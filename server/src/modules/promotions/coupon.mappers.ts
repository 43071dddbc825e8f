import { usd } from '../billing/index.js';
import type { CouponRecord } from './coupon.domain.js';
import type { RedemptionRow } from './coupon.store.js';
import type { Coupon, CouponRedemptionRecord } from './coupon.types.js';

export function toCoupon(c: CouponRecord, creditsGranted: bigint): Coupon {
  return {
    code: c.code,
    kind: c.kind,
    credits: c.credits,
    creditsExpireDays: c.creditsExpireDays,
    percentOff: c.percentOff,
    amountOffUsd: c.amountOffCents == null ? null : usd(c.amountOffCents),
    tierCode: c.tierCode,
    freeMonths: c.kind === 'free_month' ? 1 : null,
    maxRedemptions: c.maxRedemptions,
    redemptions: c.redemptions,
    perUserLimit: c.perUserLimit,
    startsAt: c.startsAt,
    expiresAt: c.expiresAt,
    appliesTo: c.appliesTo,
    firstPurchaseOnly: c.firstPurchaseOnly,
    active: c.active,
    campaign: c.campaign,
    note: c.note,
    createdBy: c.createdBy,
    creditsGranted,
    createdAt: c.createdAt,
  };
}

export function toRedemptionRecord(r: RedemptionRow): CouponRedemptionRecord {
  return {
    id: r.id,
    userEmail: r.userEmail,
    status: r.status,
    credits: r.credits,
    amountUsd: r.amountCents == null ? null : usd(r.amountCents),
    discountUsd: r.discountCents == null ? null : usd(r.discountCents),
    targetCode: r.targetCode,
    reference: r.reference,
    createdAt: r.createdAt,
    closedAt: r.closedAt,
  };
}
