import { Field, Float, Int, ObjectType } from 'type-graphql';
import { CreditsScalar } from '../../platform/scalars.js';

@ObjectType()
export class CacheStats {
  @Field(() => Int, { description: 'Completions answered (by a provider or the cache).' })
  requests!: number;

  @Field(() => Int)
  hits!: number;

  @Field(() => Float, { description: 'hits / requests, 0 when there were none.' })
  hitRate!: number;

  @Field(() => CreditsScalar, { description: 'What the cache hits would have cost.' })
  creditsSaved!: bigint;
}
