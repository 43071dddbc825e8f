import { Resolver } from 'type-graphql';

/** Stub: the subscriptions operations (issue 10). */
@Resolver()
export class SubscriptionResolver {}
