import { DomainError } from '../../platform/errors.js';

/** The contract's refusal reasons (extensions.reason of a BAD_USER_INPUT); an unknown code is NOT_FOUND instead. */
export type CouponReason = 'EXPIRED' | 'EXHAUSTED' | 'INACTIVE' | 'ALREADY_REDEEMED' | 'NOT_APPLICABLE';

/**
 * A coupon refused: BAD_USER_INPUT carrying `reason` beside `field`, as the contract names it. A
 * DomainError subclass, so formatError passes its extensions through untouched.
 */
export class CouponRefusedError extends DomainError {
  constructor(
    readonly reason: CouponReason,
    message: string,
    extra: Record<string, unknown> = {},
  ) {
    super('BAD_USER_INPUT', message, { field: 'code', reason, ...extra });
  }
}
