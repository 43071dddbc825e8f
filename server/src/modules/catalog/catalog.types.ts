import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CreditsScalar } from '../../platform/scalars.js';

export const PriceClass = { FREE: 'free', BUDGET: 'budget', STANDARD: 'standard', PREMIUM: 'premium' } as const;
registerEnumType(PriceClass, { name: 'PriceClass', description: 'By output price: free, budget (≤ $2/1M), standard (≤ $20/1M), premium.' });

@ObjectType()
export class Model {
  @Field(() => ID, { description: '"provider/model", e.g. "openai/gpt-4o"' })
  id!: string;

  @Field()
  provider!: string;

  @Field()
  providerModel!: string;

  @Field()
  displayName!: string;

  @Field({ description: 'Provider list price, USD per 1M input tokens.' })
  inputUsdPerMTok!: string;

  @Field()
  outputUsdPerMTok!: string;

  @Field(() => String, { nullable: true })
  cachedInputUsdPerMTok!: string | null;

  @Field(() => CreditsScalar, { description: 'What 1M input tokens cost you, in credits, markup included.' })
  inputCreditsPerMTok!: bigint;

  @Field(() => CreditsScalar)
  outputCreditsPerMTok!: bigint;

  @Field(() => Int, { description: 'Your markup in basis points (1000 = 10%).' })
  markupBps!: number;

  @Field(() => PriceClass)
  priceClass!: string;

  @Field({ description: 'Whether your tier includes this model.' })
  allowed!: boolean;

  @Field(() => Int)
  contextWindow!: number;

  @Field(() => Int)
  maxOutputTokens!: number;

  @Field(() => [String])
  capabilities!: string[];

  @Field(() => Int, { description: '1–5, used by automatic selection.' })
  quality!: number;

  @Field()
  active!: boolean;

  @Field()
  priceEffectiveFrom!: Date;

  @Field({ description: 'chat (completions, the model pickers, auto) or embedding (embeddings only).' })
  kind!: string;
}

@ObjectType('ModelAvailability', { description: 'Whether a model can run for you now, how, and if not why (Model.availability).' })
export class ModelAvailabilityInfo {
  @Field({ description: 'Your tier includes it and its provider can serve you: a platform key, your own key, or offline (sandbox).' })
  runnable!: boolean;

  @Field(() => String, { nullable: true, description: 'platform, own-key or offline when runnable; null when not.' })
  via!: string | null;

  @Field(() => String, { nullable: true, description: 'Why not, for people, with what would fix it; null when runnable.' })
  reason!: string | null;

  @Field({ description: 'The missing part is a provider key (not the tier).' })
  needsProviderKey!: boolean;
}

@ObjectType()
export class Tier {
  @Field()
  code!: string;

  @Field()
  name!: string;

  @Field({ description: 'USD per month, e.g. "9.00".' })
  monthlyPriceUsd!: string;

  @Field(() => CreditsScalar)
  monthlyCredits!: bigint;

  @Field({ description: 'none, capped or full' })
  rollover!: string;

  @Field(() => CreditsScalar, { nullable: true })
  rolloverCap!: bigint | null;

  @Field(() => Int)
  monthlyTokenAllowance!: number;

  @Field(() => Int)
  monthlyRequestCap!: number;

  @Field(() => Int)
  maxTokensPerRequest!: number;

  @Field(() => Int)
  requestsPerMinute!: number;

  @Field(() => [PriceClass])
  allowedPriceClasses!: string[];

  @Field(() => [String], { description: 'Models allowed by name, beyond the price classes.' })
  allowedModels!: string[];

  @Field()
  byokAllowed!: boolean;

  @Field(() => Int, { nullable: true, description: 'Replaces the price-class markup when set (basis points).' })
  markupBps!: number | null;

  @Field({ description: 'Past the monthly token allowance: block (TIER_LIMIT_EXCEEDED) or credits (calls go on, charged with the surcharge).' })
  overage!: string;

  @Field(() => Int, { description: 'Surcharge on tokens past the monthly allowance under the credits policy, basis points (2500 = +25%).' })
  overageSurchargeBps!: number;
}

@ObjectType()
export class CreditPackage {
  @Field()
  code!: string;

  @Field()
  name!: string;

  @Field(() => CreditsScalar)
  credits!: bigint;

  @Field(() => CreditsScalar)
  bonusCredits!: bigint;

  @Field(() => CreditsScalar)
  totalCredits!: bigint;

  @Field()
  priceUsd!: string;
}

@InputType()
export class EstimateCostInput {
  @Field({ description: 'A model id, or "auto".' })
  model!: string;

  @Field()
  prompt!: string;

  @Field(() => Int, { nullable: true, description: "Defaults to the smaller of the model's and your tier's cap." })
  maxTokens?: number | null;
}

@ObjectType()
export class CostEstimate {
  @Field({ description: 'The model priced (the one chosen, for "auto").' })
  model!: string;

  @Field(() => Int)
  inputTokens!: number;

  @Field(() => Int)
  maxOutputTokens!: number;

  @Field(() => CreditsScalar)
  expectedCredits!: bigint;

  @Field(() => CreditsScalar, { description: 'The worst case: what would be held.' })
  maxCredits!: bigint;

  @Field({ description: 'Whether your available balance covers maxCredits.' })
  affordable!: boolean;

  @Field(() => String, { nullable: true, description: 'Why this model cannot run for you now (see Model.availability); null when it can.' })
  unavailableBecause!: string | null;
}

@ObjectType()
export class ModelPriceVersion {
  @Field(() => ID)
  id!: string;

  @Field()
  inputUsdPerMTok!: string;

  @Field()
  outputUsdPerMTok!: string;

  @Field(() => String, { nullable: true })
  cachedInputUsdPerMTok!: string | null;

  @Field()
  effectiveFrom!: Date;

  @Field()
  source!: string;

  @Field()
  createdAt!: Date;
}

@InputType()
export class ModelPriceInput {
  @Field(() => ID)
  modelId!: string;

  @Field({ description: 'USD per 1M tokens, at most 3 decimals.' })
  inputUsdPerMTok!: string;

  @Field()
  outputUsdPerMTok!: string;

  @Field(() => String, { nullable: true })
  cachedInputUsdPerMTok?: string | null;

  @Field(() => Date, { nullable: true, description: 'Defaults to now; never in the past.' })
  effectiveFrom?: Date | null;
}

@InputType()
export class TierInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => Int, { nullable: true }) monthlyPriceCents?: number | null;
  @Field(() => CreditsScalar, { nullable: true }) monthlyCredits?: bigint | null;
  @Field(() => Int, { nullable: true }) monthlyTokenAllowance?: number | null;
  @Field(() => Int, { nullable: true }) monthlyRequestCap?: number | null;
  @Field(() => Int, { nullable: true }) maxTokensPerRequest?: number | null;
  @Field(() => Int, { nullable: true }) requestsPerMinute?: number | null;
  @Field(() => [PriceClass], { nullable: true }) allowedPriceClasses?: string[] | null;
  @Field(() => [String], { nullable: true }) allowedModels?: string[] | null;
  @Field(() => Boolean, { nullable: true }) byokAllowed?: boolean | null;
  @Field(() => Int, { nullable: true }) markupBps?: number | null;
  @Field(() => String, { nullable: true }) overage?: string | null;
  @Field(() => Int, { nullable: true }) overageSurchargeBps?: number | null;
}

@ObjectType()
export class ModelAlternative {
  @Field()
  model!: string;

  @Field(() => CreditsScalar, { description: 'Its worst-case cost for this request.' })
  maxCredits!: bigint;

  @Field(() => String, { nullable: true, description: 'Why it was not chosen; null for a runner-up that fit but cost more.' })
  rejectedBecause!: string | null;
}

@ObjectType()
export class ModelRecommendation {
  @Field(() => String, { nullable: true, description: 'The chosen model; null when no allowed model is affordable.' })
  model!: string | null;

  @Field({ description: 'code, reasoning, writing, summarization, translation or chat' })
  taskType!: string;

  @Field({ description: 'low, medium or high' })
  complexity!: string;

  @Field(() => [String])
  signals!: string[];

  @Field()
  reasoning!: string;

  @Field(() => [ModelAlternative])
  alternatives!: ModelAlternative[];
}

@ObjectType()
export class TierCostOption {
  @Field()
  tier!: string;

  @Field({ description: 'Subscription plus projected overage, USD per month.' })
  monthlyCostUsd!: string;

  @Field(() => CreditsScalar, { description: "Projected monthly usage at this tier's markup." })
  projectedCredits!: bigint;

  @Field(() => CreditsScalar, { description: "Usage beyond the tier's monthly credits." })
  overageCredits!: bigint;
}

@ObjectType()
export class TierRecommendation {
  @Field()
  currentTier!: string;

  @Field()
  recommendedTier!: string;

  @Field(() => CreditsScalar, { description: 'Usage of the last 30 days, projected to a month.' })
  projectedMonthlySpend!: bigint;

  @Field(() => [TierCostOption])
  options!: TierCostOption[];

  @Field(() => Int)
  requestsThisMonth!: number;

  @Field({ description: 'True once 80% of a monthly allowance is used: time to show this advice.' })
  show!: boolean;

  @Field()
  reasoning!: string;
}
