import { GraphQLSafeInt } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { CreditsScalar } from '../../platform/scalars.js';

@ObjectType({ description: "This period's token allowance and what passed it (the calendar month in UTC)." })
export class OverageSummary {
  @Field(() => Date, { description: 'Start of the period: the first instant of this UTC month.' })
  periodStart!: Date;

  @Field(() => Date, { description: 'End of the period (exclusive): the first instant of next UTC month.' })
  periodEnd!: Date;

  @Field({ description: "Your tier's policy past the allowance: block (refused with TIER_LIMIT_EXCEEDED) or credits (charged with the surcharge)." })
  policy!: string;

  @Field(() => Int, { description: 'Surcharge on overage tokens under the credits policy, basis points (2500 = +25%).' })
  surchargeBps!: number;

  @Field(() => GraphQLSafeInt, { description: "Your tier's monthly token allowance." })
  allowanceTokens!: number;

  @Field(() => GraphQLSafeInt, { description: 'Completion tokens metered this period (cache hits included).' })
  usedTokens!: number;

  @Field(() => GraphQLSafeInt, { description: 'Allowance left (never below 0).' })
  remainingTokens!: number;

  @Field(() => GraphQLSafeInt, { description: 'Tokens this period past the allowance.' })
  overageTokens!: number;

  @Field(() => CreditsScalar, { description: 'Credits charged for the overage tokens, surcharge included.' })
  overageCredits!: bigint;

  @Field(() => CreditsScalar, { description: 'Of overageCredits, the surcharge alone.' })
  surchargeCredits!: bigint;
}
