import { Resolver } from 'type-graphql';

/** Stub: the referrals operations (issue 11). */
@Resolver()
export class ReferralResolver {}
