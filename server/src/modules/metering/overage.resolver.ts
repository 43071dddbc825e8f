import { Resolver } from 'type-graphql';

/** Stub: the overage operations (issue 10). */
@Resolver()
export class OverageResolver {}
