import { BadUserInputError } from '../../platform/errors.js';

export type CouponKind = 'credits' | 'percent_off' | 'amount_off' | 'free_month';

export interface CouponRecord {
  id: string;
  code: string;
  kind: CouponKind;
  credits: bigint | null;
  creditsExpireDays: number | null;
  percentOff: number | null;
  amountOffCents: number | null;
  tierCode: string | null;
  maxRedemptions: number | null;
  redemptions: number;
  perUserLimit: number;
  startsAt: Date | null;
  expiresAt: Date | null;
  appliesTo: string[];
  firstPurchaseOnly: boolean;
  active: boolean;
  campaign: string | null;
  note: string | null;
  createdBy: string | null;
  createdAt: Date;
}

export const MAX_CODE_CHARS = 64;
const CODE_PATTERN = /^[A-Z0-9][A-Z0-9_-]{2,63}$/;

/**
 * A code as stored: trimmed and upper-cased (codes are case-insensitive). Null for a string that can
 * be no stored code (bad characters): the caller answers NOT_FOUND, as for any unknown code.
 * Too long or empty is the caller's input mistake: BAD_USER_INPUT.
 */
export function normalizeCode(value: unknown, field = 'code'): string | null {
  const code = typeof value === 'string' ? value.trim().toUpperCase() : '';
  if (!code || code.length > MAX_CODE_CHARS) throw new BadUserInputError(`${field} must be 1 to ${MAX_CODE_CHARS} characters`, field);
  return CODE_PATTERN.test(code) ? code : null;
}

/** validateCoupon's `target` (a package or tier code): blank is none; trimmed; at most 64 characters. */
export function couponTarget(value: string | null | undefined): string | null {
  if (value == null || value.trim() === '') return null;
  if (value.length > MAX_CODE_CHARS) throw new BadUserInputError(`target must be at most ${MAX_CODE_CHARS} characters`, 'target');
  return value.trim();
}

/** A code an admin may create: 3 to 64 of A-Z, 0-9, '_' and '-', starting with a letter or digit. */
export function newCode(value: unknown, field = 'code'): string {
  const code = normalizeCode(value, field);
  if (!code) throw new BadUserInputError(`${field} must be 3 to 64 of A-Z, 0-9, '_' and '-' (starting with a letter or digit)`, field);
  return code;
}

/**
 * What a discount leaves to pay, in integer cents. Percent: the discount is `price × percent / 100`
 * rounded half up to the cent, once (what Stripe does with a `percent_off` coupon on one line);
 * amount: the fixed cents, never below zero.
 */
export function discountedCents(coupon: Pick<CouponRecord, 'kind' | 'percentOff' | 'amountOffCents'>, priceCents: number): number {
  if (coupon.kind === 'percent_off') {
    const discount = Math.floor((priceCents * coupon.percentOff! + 50) / 100);
    return priceCents - discount;
  }
  if (coupon.kind === 'amount_off') return Math.max(0, priceCents - coupon.amountOffCents!);
  return priceCents;
}

/** Stripe's smallest USD charge: a discount may not bring a checkout below it (Stripe would refuse the session). */
export const STRIPE_MIN_CHARGE_CENTS = 50;

export const isDiscount = (kind: CouponKind) => kind === 'percent_off' || kind === 'amount_off';
