import { GraphQLSafeInt } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';

/** adminProviderReconciliation's rows (docs/analytics.md, "Provider reconciliation"): USD figures as exact 6-digit strings. */
@ObjectType({ description: "One provider's day: what we metered next to what it would bill from the stored usage." })
export class ProviderReconciliationDay {
  @Field({ description: 'YYYY-MM-DD (UTC).' })
  day!: string;

  @Field()
  provider!: string;

  @Field(() => GraphQLSafeInt)
  requests!: number;

  @Field(() => GraphQLSafeInt)
  inputTokens!: number;

  @Field(() => GraphQLSafeInt)
  outputTokens!: number;

  @Field({ description: "Every stored call's tokens × the model's price in force that day (cache hits and BYOK calls included)." })
  listCostUsd!: string;

  @Field({ description: 'Of listCostUsd, cache hits: answered by our cache, never sent to the provider.' })
  cachedUsd!: string;

  @Field({ description: "Of listCostUsd, BYOK calls: billed to the user's own key." })
  byokUsd!: string;

  @Field({ description: 'listCostUsd − cachedUsd − byokUsd: what the provider should bill us for the stored usage.' })
  expectedCostUsd!: string;

  @Field({ description: 'Provider cost of failed calls (we paid the provider, the user paid nothing, no tokens stored).' })
  errorCostUsd!: string;

  @Field({ description: "The provider cost metered call by call (the summary's providerCostUsd for this provider and day)." })
  meteredCostUsd!: string;

  @Field({ description: 'meteredCostUsd − expectedCostUsd.' })
  differenceUsd!: string;

  @Field({ description: 'differenceUsd − errorCostUsd: what nothing on record explains (0.000000 when margin can be trusted).' })
  unexplainedUsd!: string;

  @Field({ description: 'Why the figures differ, in words ("" when they agree).' })
  explanation!: string;
}
