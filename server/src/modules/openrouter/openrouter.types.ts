import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: "A user's OpenRouter key, created by Tollgate, beside what Tollgate recorded for its calls." })
export class OpenRouterKeyStatus {
  @Field(() => ID)
  userId!: string;

  @Field()
  email!: string;

  @Field({ description: "OpenRouter's masked label for the key (never the key)." })
  label!: string;

  @Field({ description: 'The spending limit set on OpenRouter, USD (it caps the whole usage).' })
  limitUsd!: string;

  @Field({ description: 'What OpenRouter reported the key has spent at the last sync, USD.' })
  usageUsd!: string;

  @Field({ description: "The provider cost Tollgate's metering recorded for this user's OpenRouter calls since the key was created, USD." })
  recordedCostUsd!: string;

  @Field({ description: 'usageUsd minus recordedCostUsd: non-zero means OpenRouter billed what we did not meter, or at another price.' })
  differenceUsd!: string;

  @Field()
  disabled!: boolean;

  @Field(() => Date, { nullable: true, description: 'When the usage was last read from OpenRouter.' })
  syncedAt!: Date | null;

  @Field(() => Date)
  createdAt!: Date;
}

@ObjectType({ description: "An OpenRouter model of the catalog: our current price beside OpenRouter's, USD per 1M tokens." })
export class OpenRouterPriceRow {
  @Field(() => ID)
  modelId!: string;

  @Field()
  displayName!: string;

  @Field({ description: "OpenRouter's id for the model." })
  providerModel!: string;

  @Field()
  currentInputUsdPerMTok!: string;

  @Field()
  currentOutputUsdPerMTok!: string;

  @Field(() => String, { nullable: true, description: 'Null when OpenRouter does not list the model (or prices it in a way that cannot be imported).' })
  openRouterInputUsdPerMTok!: string | null;

  @Field(() => String, { nullable: true })
  openRouterOutputUsdPerMTok!: string | null;

  @Field(() => String, { nullable: true })
  openRouterCachedInputUsdPerMTok!: string | null;

  @Field({ description: 'A price finer than a nano-dollar per token, rounded up to one.' })
  rounded!: boolean;

  @Field({ description: "Free on OpenRouter: a ':free' model, or zero prompt and completion prices." })
  free!: boolean;

  @Field({ description: 'Free on OpenRouter while the catalog still charges for it.' })
  becameFree!: boolean;

  @Field({ description: "OpenRouter's price differs from the catalog's current one." })
  changed!: boolean;
}

@ObjectType({ description: 'A price version written by the OpenRouter import.' })
export class OpenRouterPriceApplied {
  @Field(() => ID)
  modelId!: string;

  @Field()
  inputUsdPerMTok!: string;

  @Field()
  outputUsdPerMTok!: string;

  @Field(() => String, { nullable: true })
  cachedInputUsdPerMTok!: string | null;

  @Field(() => Date)
  effectiveFrom!: Date;
}
