import { Resolver } from 'type-graphql';

/** Stub: the auto-recharge operations (issue 10). */
@Resolver()
export class AutoRechargeResolver {}
