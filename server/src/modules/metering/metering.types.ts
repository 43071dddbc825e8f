import { GraphQLSafeInt } from 'graphql-scalars';
import { Field, Float, ID, InputType, Int, InterfaceType, ObjectType } from 'type-graphql';
import { CreditsScalar } from '../../platform/scalars.js';
import { CreditBalance } from '../ledger/index.js';

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

/** The figures every usage answer carries. Counts are SafeInt: whole numbers past GraphQL Int's 2^31. */
@InterfaceType({ description: 'Usage figures: calls, tokens, credits charged and saved.' })
export abstract class UsageFigures {
  @Field(() => GraphQLSafeInt, { description: 'Calls answered (by a provider, a service or the cache); errors are counted apart.' })
  requests!: number;

  @Field(() => GraphQLSafeInt, { description: 'Of requests, those answered from the response cache.' })
  cachedRequests!: number;

  @Field(() => GraphQLSafeInt, { description: 'Calls that failed (charged nothing unless tokens were produced).' })
  errorRequests!: number;

  @Field(() => GraphQLSafeInt)
  inputTokens!: number;

  @Field(() => GraphQLSafeInt)
  outputTokens!: number;

  @Field(() => CreditsScalar, { description: 'Credits charged.' })
  credits!: bigint;

  @Field(() => CreditsScalar, { description: 'What the cache hits would have cost.' })
  creditsSaved!: bigint;
}

@ObjectType({ description: 'Usage over [from, to): exact to the event.', implements: UsageFigures })
export class UsageSummary extends UsageFigures {
  @Field(() => Date)
  from!: Date;

  @Field(() => Date)
  to!: Date;
}

@ObjectType({ implements: UsageFigures })
export class ModelUsage extends UsageFigures {
  @Field({ description: '"completion", or the tracked service (embeddings, tts, …).' })
  service!: string;

  @Field({ description: 'The model id; for a tracked service that named none, the service name.' })
  model!: string;

  @Field(() => GraphQLSafeInt, { description: 'Units of a tracked service (0 for completions).' })
  units!: number;
}

@ObjectType({ description: "One member's share of the acting account's usage (a team's usage by member)." })
export class MemberUsage {
  @Field(() => ID, { nullable: true, description: 'The member; null for calls attributed to no member (a personal account, usage from before teams).' })
  userId!: string | null;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => Int, { description: 'Calls answered (by a provider, a service or the cache); errors are not counted.' })
  requests!: number;

  @Field(() => GraphQLSafeInt, { description: 'Input and output tokens.' })
  tokens!: number;

  @Field(() => CreditsScalar, { description: 'Credits charged.' })
  cost!: bigint;
}

@ObjectType({ implements: UsageFigures })
export class DailyUsage extends UsageFigures {
  @Field({ description: 'The UTC day, YYYY-MM-DD.' })
  day!: string;
}

@InputType()
export class TrackUsageInput {
  @Field(() => ID, { nullable: true, description: 'The account to charge; default the caller. Another account needs an admin.' })
  userId?: string | null;

  @Field({ description: 'One of servicePrices: embeddings, tts, stt, search, rerank, agent.' })
  service!: string;

  @Field(() => Int, { description: "How many of the service's unit (1 to 100,000,000)." })
  units!: number;

  @Field({ description: 'Retry with the same key to get the first result back, charged once.' })
  idempotencyKey!: string;

  @Field(() => String, { nullable: true, description: 'The model the service used, for usageByModel.' })
  model?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;
}

@ObjectType()
export class TrackedUsage {
  @Field(() => ID, { description: 'The usage event.' })
  id!: string;

  @Field()
  service!: string;

  @Field(() => Int)
  units!: number;

  @Field(() => CreditsScalar)
  charged!: bigint;

  @Field(() => CreditBalance, { description: "The charged account's balance now." })
  balance!: CreditBalance;

  @Field({ description: 'True when this is the first result of an earlier report with the same key.' })
  replayed!: boolean;
}

@ObjectType()
export class ServicePrice {
  @Field()
  service!: string;

  @Field({ description: 'What one unit is: token, character, second, query, search, step.' })
  unit!: string;

  @Field({ description: 'List price per unit in USD, exact (up to 9 fraction digits).' })
  usdPerUnit!: string;

  @Field(() => CreditsScalar, { description: 'What a one-unit report charges you, markup included, rounded up.' })
  creditsPerUnit!: bigint;

  @Field(() => CreditsScalar, { description: 'What 1,000,000 units charge you (a charge is rounded up once, on the whole report).' })
  creditsPerMillionUnits!: bigint;
}

@ObjectType({ description: 'A monthly allowance of your tier has passed 80%; sent once per month and kind.' })
export class UsageWarning {
  @Field({ description: '"tokens" or "requests".' })
  kind!: string;

  @Field({ description: 'The UTC month, YYYY-MM.' })
  month!: string;

  @Field(() => GraphQLSafeInt)
  used!: number;

  @Field(() => GraphQLSafeInt)
  limit!: number;

  @Field(() => Int)
  percent!: number;
}
