import { Resolver } from 'type-graphql';

/** Stub: the refunds and debts operations (issue 10). */
@Resolver()
export class RefundsResolver {}
