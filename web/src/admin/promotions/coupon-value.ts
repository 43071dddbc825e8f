import { displayCredits } from '../../credits/money';

/** A coupon's terms as the admin list has them (the API's units: whole percent, "9.99" dollars). */
export interface CouponTerms {
  kind: string;
  credits?: string | null;
  percentOff?: number | null;
  amountOffUsd?: string | null;
  tierCode?: string | null;
  freeMonths?: number | null;
}

/** What a coupon gives, in a few words. */
export function couponValue(coupon: CouponTerms): string {
  switch (coupon.kind) {
    case 'CREDITS':
      return coupon.credits ? `${displayCredits(coupon.credits)} credits` : 'Credits';
    case 'PERCENT_OFF':
      return `${coupon.percentOff ?? '?'}% off`;
    case 'AMOUNT_OFF':
      return `$${coupon.amountOffUsd ?? '?'} off`;
    case 'FREE_MONTH': {
      const months = coupon.freeMonths ?? 1;
      return `${months} free month${months === 1 ? '' : 's'} of ${coupon.tierCode ?? 'a tier'}`;
    }
    default:
      return coupon.kind;
  }
}
