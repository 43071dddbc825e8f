import { skipToken, useQuery } from '@apollo/client/react';
import type { ResultOf } from '@graphql-typed-document-node/core';
import { graphql } from '../gql';
import { useDebouncedValue } from '../ui/useDebouncedValue';
import { usdToCents } from '../admin/catalog/tier-form';
import { couponCodeLooksValid, normalizeCouponCode } from './coupon-code';
import { previewFor } from './coupon-check-state';
import type { CouponOffer, CouponPreview } from './coupon-preview';

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
  const { data, error, loading } = useQuery(ValidateCouponQuery, ask ? { variables: { code: settled }, fetchPolicy: 'network-only' } : skipToken);
  const check = ask && !loading ? data?.validateCoupon : undefined;
  const answer = check ? { valid: check.valid, reason: check.reason, offer: toCouponOffer(check) } : undefined;
  return { code, preview: previewFor({ code, settled, answer, failed: ask && !loading && !!error }) };
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
