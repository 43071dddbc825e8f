import { displayCredits } from '../credits/money';
import { couponReasonMessage } from './coupon-reason';

export type CouponKind = 'CREDITS' | 'PERCENT_OFF' | 'AMOUNT_OFF' | 'FREE_MONTH';

/** What a valid coupon gives, read from the server's CouponCheck (see toCouponOffer in useCouponCheck). */
export interface CouponOffer {
  code: string;
  kind: CouponKind;
  /** CREDITS: the exact `Credits` string granted on redemption. */
  credits?: string | null;
  /** PERCENT_OFF: basis points (1 % = 100 bps), so 12.5 % stays exact. */
  percentOffBps?: number | null;
  /** AMOUNT_OFF: whole US cents. */
  amountOffCents?: number | null;
  /** FREE_MONTH: the tier and how many months. */
  tierCode?: string | null;
  freeMonths?: number | null;
}

export type CouponPreview =
  { state: 'idle' } | { state: 'checking' } | { state: 'valid'; text: string; offer: CouponOffer } | { state: 'invalid'; text: string; reason: string };

/** One sentence saying what the coupon gives, as the field's live preview shows it. */
export function describeOffer(offer: CouponOffer): string {
  switch (offer.kind) {
    case 'CREDITS':
      return offer.credits ? `${displayCredits(offer.credits)} credits added to your balance.` : 'Bonus credits added to your balance.';
    case 'PERCENT_OFF':
      return offer.percentOffBps != null ? `${formatBps(offer.percentOffBps)} off a credit package or subscription checkout.` : 'A discount on a checkout.';
    case 'AMOUNT_OFF':
      return offer.amountOffCents != null ? `${formatCents(offer.amountOffCents)} off a credit package or subscription checkout.` : 'A discount on a checkout.';
    case 'FREE_MONTH': {
      const months = offer.freeMonths ?? 1;
      const tier = offer.tierCode ? ` of the ${offer.tierCode} tier` : '';
      return `${months === 1 ? 'A free month' : `${months} free months`}${tier}, with its monthly credits. No payment.`;
    }
  }
}

/** The preview for a server answer: what the code gives, or why it cannot be used. */
export function couponPreview(check: { valid: boolean; reason?: string | null; offer: CouponOffer | null }): CouponPreview {
  if (check.valid && check.offer) return { state: 'valid', text: `${check.offer.code}: ${describeOffer(check.offer)}`, offer: check.offer };
  const reason = check.reason ?? 'NOT_FOUND';
  return { state: 'invalid', text: couponReasonMessage(reason), reason };
}

/** 2000 → "20%", 1250 → "12.5%" (integers only: bps / 100 with the remainder as decimals). */
export function formatBps(bps: number): string {
  const whole = Math.trunc(bps / 100);
  const rest = Math.abs(bps % 100);
  return rest === 0 ? `${whole}%` : `${whole}.${String(rest).padStart(2, '0').replace(/0$/, '')}%`;
}

/** 500 → "$5.00", 1999 → "$19.99". */
export function formatCents(cents: number): string {
  const dollars = Math.trunc(cents / 100);
  return `$${dollars.toLocaleString('en-US')}.${String(Math.abs(cents % 100)).padStart(2, '0')}`;
}
