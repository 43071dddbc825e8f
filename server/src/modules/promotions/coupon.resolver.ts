import { Resolver } from 'type-graphql';

/** Stub: the coupons operations (issue 11). */
@Resolver()
export class CouponResolver {}
