import { GraphQLSafeInt } from 'graphql-scalars';
import { Field, ID, Int, InterfaceType, ObjectType, registerEnumType } from 'type-graphql';
import { CreditsScalar } from '../../platform/scalars.js';
import { PageInfo } from '../ledger/index.js';

/**
 * The admin analytics (docs/analytics.md). Every USD figure is an exact decimal string with 6
 * fraction digits (micro-dollars), summed in integers and rounded once; credits are `Credits`.
 * A margin is a percentage string with 2 fraction digits, null when its revenue is 0.
 */

@InterfaceType({ description: 'Revenue and cost of a group (a tier, a model, a provider) from what its calls consumed.' })
export abstract class UsageEconomics {
  @Field(() => GraphQLSafeInt)
  requests!: number;

  @Field(() => GraphQLSafeInt, { description: 'Of requests, answered from the response cache (no provider cost).' })
  cachedRequests!: number;

  @Field(() => GraphQLSafeInt, { description: 'Calls that failed.' })
  errorRequests!: number;

  @Field(() => GraphQLSafeInt, { description: "Calls on the user's own provider key (we pay nothing)." })
  byokRequests!: number;

  @Field(() => GraphQLSafeInt)
  inputTokens!: number;

  @Field(() => GraphQLSafeInt)
  outputTokens!: number;

  @Field(() => CreditsScalar, { description: 'Credits charged for the calls.' })
  creditsConsumed!: bigint;

  @Field({ description: 'creditsConsumed at the nominal credit price (CREDIT_USD): what the spent credit was worth.' })
  usageRevenueUsd!: string;

  @Field({ description: 'What the providers bill us for these calls (BYOK calls and cache hits excluded).' })
  providerCostUsd!: string;

  @Field({ description: 'What the BYOK calls would have cost on our keys; paid by the users, not in providerCostUsd.' })
  byokCostUsd!: string;

  @Field({ description: 'usageRevenueUsd − providerCostUsd.' })
  grossProfitUsd!: string;

  @Field(() => String, { nullable: true, description: 'grossProfitUsd ÷ usageRevenueUsd × 100; null when usageRevenueUsd is 0.' })
  marginPercent!: string | null;
}

@ObjectType({ implements: UsageEconomics })
export class ModelEconomics extends UsageEconomics {
  @Field({ description: 'The model id ("sandbox/echo"); for a tracked service that named none, the service name.' })
  modelId!: string;

  @Field({ description: 'The provider that served the calls.' })
  provider!: string;
}

@ObjectType({ implements: UsageEconomics })
export class ProviderEconomics extends UsageEconomics {
  @Field()
  provider!: string;
}

@ObjectType({ implements: UsageEconomics })
export class TierEconomics extends UsageEconomics {
  @Field()
  tierCode!: string;

  @Field()
  tierName!: string;

  @Field(() => Int, { description: 'Users on the tier now.' })
  users!: number;

  @Field({ description: "Payments of the tier's users in the range (each user counted in the tier they are on now)." })
  grossRevenueUsd!: string;

  @Field({ description: 'grossRevenueUsd − refunds and disputes − Stripe fees of those payments.' })
  netRevenueUsd!: string;

  @Field(() => Int)
  activeSubscriptions!: number;

  @Field()
  mrrUsd!: string;
}

@ObjectType()
export class TierSubscriptions {
  @Field()
  tierCode!: string;

  @Field()
  tierName!: string;

  @Field(() => Int)
  count!: number;

  @Field({ description: "count × the tier's monthly price." })
  mrrUsd!: string;
}

@ObjectType({ description: 'One UTC day of the summary. The outstanding figures are at the end of the day (for today: now).' })
export class BillingDay {
  @Field({ description: 'YYYY-MM-DD (UTC).' })
  day!: string;

  @Field()
  grossRevenueUsd!: string;

  @Field()
  refundsUsd!: string;

  @Field()
  stripeFeesUsd!: string;

  @Field()
  netRevenueUsd!: string;

  @Field()
  providerCostUsd!: string;

  @Field()
  grossProfitUsd!: string;

  @Field(() => CreditsScalar)
  creditsSold!: bigint;

  @Field(() => CreditsScalar)
  creditsConsumed!: bigint;

  @Field(() => CreditsScalar)
  outstandingCredits!: bigint;

  @Field(() => CreditsScalar)
  outstandingPaidCredits!: bigint;

  @Field()
  outstandingLiabilityUsd!: string;

  @Field()
  mrrUsd!: string;

  @Field(() => Int)
  activeSubscriptions!: number;
}

export enum UserEconomicsOrder {
  REVENUE = 'REVENUE',
  PROVIDER_COST = 'PROVIDER_COST',
  PROFIT = 'PROFIT',
  CONSUMED = 'CONSUMED',
  RUNWAY = 'RUNWAY',
}
registerEnumType(UserEconomicsOrder, { name: 'UserEconomicsOrder', description: 'Largest first; RUNWAY shortest first.' });

@ObjectType({ description: "One user's economics over a range, and where their balance is heading." })
export class UserEconomics {
  @Field(() => ID)
  userId!: string;

  @Field()
  email!: string;

  @Field()
  tierCode!: string;

  @Field(() => Date, { nullable: true })
  suspendedAt!: Date | null;

  @Field({ description: "The user's payments in the range." })
  grossRevenueUsd!: string;

  @Field({ description: 'grossRevenueUsd − refunds and disputes − Stripe fees.' })
  netRevenueUsd!: string;

  @Field({ description: "What the providers bill us for the user's calls in the range (BYOK and cache hits excluded)." })
  providerCostUsd!: string;

  @Field({ description: 'netRevenueUsd − providerCostUsd.' })
  grossProfitUsd!: string;

  @Field(() => String, { nullable: true })
  marginPercent!: string | null;

  @Field(() => CreditsScalar)
  creditsConsumed!: bigint;

  @Field(() => CreditsScalar, { description: 'Now.' })
  balance!: bigint;

  @Field(() => CreditsScalar, { description: 'Now: balance − held.' })
  available!: bigint;

  @Field(() => CreditsScalar, { description: 'Credits charged a day, averaged over the last 7 UTC days (today included).' })
  burnPerDay7d!: bigint;

  @Field(() => CreditsScalar, { description: 'The same over the last 30 UTC days.' })
  burnPerDay30d!: bigint;

  @Field(() => String, {
    nullable: true,
    description:
      'Days until available reaches 0 at the 7-day rate (the 30-day rate when the last 7 days spent nothing), 1 fraction digit; null when nothing is being spent.',
  })
  runwayDays!: string | null;
}

@ObjectType()
export class UserEconomicsConnection {
  @Field(() => [UserEconomics])
  nodes!: UserEconomics[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;
}

@ObjectType({ description: 'adminBillingSummary: what we earned, what it cost, what we owe, over [from, to) in UTC.' })
export class BillingSummary {
  @Field()
  from!: Date;

  @Field()
  to!: Date;

  @Field({ description: 'The figures count test-mode payments (true when payments run in test mode) or live ones (false), never both.' })
  testMode!: boolean;

  @Field({ description: 'Payments received in the range (packages + subscriptions + auto-recharge).' })
  grossRevenueUsd!: string;

  @Field()
  packagesRevenueUsd!: string;

  @Field()
  subscriptionsRevenueUsd!: string;

  @Field()
  autoRechargeRevenueUsd!: string;

  @Field({ description: 'Refunded and disputed amounts, on the day of the refund or dispute.' })
  refundsUsd!: string;

  @Field({ description: 'Of refundsUsd, the disputed part.' })
  disputesUsd!: string;

  @Field({ description: "Stripe's recorded fees (balance transactions) of the payments in grossRevenueUsd." })
  stripeFeesUsd!: string;

  @Field(() => Int, { description: 'Payments in grossRevenueUsd whose fee Stripe has not reported yet (counted as 0).' })
  paymentsWithoutFee!: number;

  @Field({ description: 'grossRevenueUsd − refundsUsd − stripeFeesUsd.' })
  netRevenueUsd!: string;

  @Field({ description: 'What the providers bill us: calls on our keys; BYOK calls and cache hits cost us nothing.' })
  providerCostUsd!: string;

  @Field({ description: 'What the BYOK calls would have cost on our keys (paid by the users; not in providerCostUsd).' })
  byokCostUsd!: string;

  @Field({ description: 'netRevenueUsd − providerCostUsd.' })
  grossProfitUsd!: string;

  @Field(() => String, { nullable: true, description: 'grossProfitUsd ÷ netRevenueUsd × 100, 2 fraction digits; null when netRevenueUsd is 0.' })
  marginPercent!: string | null;

  @Field(() => CreditsScalar, {
    description: 'Paid credits granted in the range (package credits, subscription allocations, auto-recharge), bonus and rollover excluded.',
  })
  creditsSold!: bigint;

  @Field(() => CreditsScalar, { description: 'Credits granted free in the range (sign-up, coupons, admin grants, bonus, referrals, refunds of calls).' })
  creditsGranted!: bigint;

  @Field(() => CreditsScalar, { description: 'Credits charged for usage in the range.' })
  creditsConsumed!: bigint;

  @Field(() => CreditsScalar, { description: 'Credits that expired in the range.' })
  creditsExpired!: bigint;

  @Field(() => CreditsScalar, { description: 'Credits taken back for refunds and disputes in the range.' })
  creditsClawedBack!: bigint;

  @Field(() => CreditsScalar, { description: 'All credit still owed to users at the end of the range (now, when the range reaches the future).' })
  outstandingCredits!: bigint;

  @Field(() => CreditsScalar, { description: 'Of outstandingCredits, what users paid for.' })
  outstandingPaidCredits!: bigint;

  @Field(() => CreditsScalar, { description: 'Of outstandingCredits, bonus and promotional credit.' })
  outstandingPromotionalCredits!: bigint;

  @Field({ description: 'outstandingPaidCredits at the price each was bought for: what honouring them is worth.' })
  outstandingLiabilityUsd!: string;

  @Field({ description: "Monthly recurring revenue at the end of the range: active paying subscriptions × their tier's monthly price." })
  mrrUsd!: string;

  @Field(() => Int)
  activeSubscriptions!: number;

  @Field(() => [TierSubscriptions])
  subscriptionsByTier!: TierSubscriptions[];

  @Field(() => [BillingDay], { description: 'Every UTC day of the range, oldest first.' })
  byDay!: BillingDay[];

  @Field(() => [TierEconomics])
  byTier!: TierEconomics[];

  @Field(() => [ModelEconomics], { description: 'Largest provider cost first.' })
  byModel!: ModelEconomics[];

  @Field(() => [ProviderEconomics], { description: 'Largest provider cost first.' })
  byProvider!: ProviderEconomics[];

  // byUser(first, after, orderBy): a field resolver (analytics.resolver.ts) over the same range.
}
