import { Resolver } from 'type-graphql';

/** Stub: the gifts operations (issue 11). */
@Resolver()
export class GiftResolver {}
