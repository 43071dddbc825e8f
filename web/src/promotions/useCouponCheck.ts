import { skipToken, useQuery } from '@apollo/client/react';
import type { ResultOf } from '@graphql-typed-document-node/core';
import { graphql } from '../gql';
import { useDebouncedValue } from '../ui/useDebouncedValue';
import { usdToCents } from '../admin/catalog/tier-form';
import { couponCodeLooksValid, normalizeCouponCode } from './coupon-code';
import { couponPreview, type CouponOffer, type CouponPreview } from './coupon-preview';

const ValidateCouponQuery = graphql(`
  query ValidateCoupon($code: String!) {
    validateCoupon(code: $code) {
      valid
      reason
      credits
      percentOff
      amountOffUsd
      tierCode
      coupon {
        code
        kind
      }
    }
  }
`);

/** A pause in typing before asking: one query per pause, not per key. */
const CHECK_DELAY_MS = 300;

/**
 * The live preview for a coupon field: asks validateCoupon (which works signed out too, without
 * the per-user checks) once typing pauses. Never cached: a coupon's state changes under the user.
 */
export function useCouponCheck(input: string): { code: string; preview: CouponPreview } {
  const code = normalizeCouponCode(input);
  const settled = useDebouncedValue(code, CHECK_DELAY_MS);
  const ask = settled !== '' && settled === code && couponCodeLooksValid(code);
  const { data, error } = useQuery(ValidateCouponQuery, ask ? { variables: { code: settled }, fetchPolicy: 'network-only' } : skipToken);
  if (code === '') return { code, preview: { state: 'idle' } };
  if (!couponCodeLooksValid(code)) return { code, preview: settled === code ? { state: 'invalid', reason: 'NOT_FOUND', text: 'A coupon code is letters and digits, such as WELCOME10.' } : { state: 'checking' } };
  const check = data?.validateCoupon;
  if (!ask || (!check && !error)) return { code, preview: { state: 'checking' } };
  if (!check) return { code, preview: { state: 'invalid', reason: 'UNKNOWN', text: 'The code could not be checked right now.' } };
  return { code, preview: couponPreview({ valid: check.valid, reason: check.reason, offer: toCouponOffer(check) }) };
}

type Check = ResultOf<typeof ValidateCouponQuery>['validateCoupon'];

/** The offer a valid answer describes, in the preview's terms. */
function toCouponOffer(check: Check): CouponOffer | null {
  if (!check.coupon) return null;
  return {
    code: check.coupon.code,
    kind: check.coupon.kind,
    credits: check.credits,
    // The API keeps whole percents and "9.99"-style dollars; the preview takes exact integers.
    percentOffBps: check.percentOff == null ? null : check.percentOff * 100,
    amountOffCents: check.amountOffUsd == null ? null : (usdToCents(check.amountOffUsd) ?? null),
    tierCode: check.tierCode,
    freeMonths: check.coupon.kind === 'FREE_MONTH' ? 1 : null,
  };
}
