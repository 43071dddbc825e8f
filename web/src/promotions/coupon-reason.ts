import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { describeProblem } from '../apollo/describe-problem';
import { problemFromError } from '../apollo/problem';

/** The contract's refusal reasons (BAD_USER_INPUT's `extensions.reason`), plus NOT_FOUND for an unknown code. */
export const COUPON_REASONS = ['EXPIRED', 'EXHAUSTED', 'INACTIVE', 'ALREADY_REDEEMED', 'NOT_APPLICABLE', 'NOT_FOUND'] as const;
export type CouponReason = (typeof COUPON_REASONS)[number];

const MESSAGES: Record<CouponReason, string> = {
  EXPIRED: 'This coupon has expired (or its offer has not started yet).',
  EXHAUSTED: 'This coupon has been used as many times as it allows.',
  INACTIVE: 'This coupon is no longer active.',
  ALREADY_REDEEMED: 'You have already used this coupon.',
  NOT_APPLICABLE: 'This coupon does not apply here.',
  NOT_FOUND: 'There is no coupon with this code. Check the spelling.',
};

/** A sentence for a refusal reason; an unknown reason (a newer server) still reads as a refusal. */
export function couponReasonMessage(reason: string | null | undefined): string {
  if (reason && (COUPON_REASONS as readonly string[]).includes(reason)) return MESSAGES[reason as CouponReason];
  return 'This coupon cannot be used.';
}

/**
 * The refusal reason a failed coupon mutation carries: `extensions.reason` on BAD_USER_INPUT, or
 * NOT_FOUND (the code for an unknown coupon). Undefined for any other failure.
 */
export function couponReasonOf(error: unknown): CouponReason | undefined {
  if (!CombinedGraphQLErrors.is(error)) return undefined;
  const extensions = error.errors[0]?.extensions ?? {};
  if (extensions.code === 'NOT_FOUND') return 'NOT_FOUND';
  const reason = extensions.reason;
  if (extensions.code === 'BAD_USER_INPUT' && typeof reason === 'string' && (COUPON_REASONS as readonly string[]).includes(reason)) {
    return reason as CouponReason;
  }
  return undefined;
}

/** What to tell the user when redeeming (or paying with) a coupon failed. */
export function describeCouponError(error: unknown): string {
  const reason = couponReasonOf(error);
  return reason ? couponReasonMessage(reason) : describeProblem(problemFromError(error));
}
