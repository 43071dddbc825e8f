import { Field, InputType, Int } from 'type-graphql';
import { CreditsScalar } from '../../platform/scalars.js';
import { CouponKindEnum } from './coupon.types.js';

/** The fields a coupon and a campaign share (type-graphql copies them into both inputs). */
@InputType({ description: 'The terms a coupon and a campaign share.' })
export class CouponFieldsInput {
  @Field(() => CouponKindEnum)
  kind!: string;

  @Field(() => CreditsScalar, { nullable: true })
  credits?: bigint | null;

  @Field(() => Int, { nullable: true })
  creditsExpireDays?: number | null;

  @Field(() => Int, { nullable: true })
  percentOff?: number | null;

  @Field(() => String, { nullable: true })
  amountOffUsd?: string | null;

  @Field(() => String, { nullable: true })
  tierCode?: string | null;

  @Field(() => Int, { nullable: true })
  freeMonths?: number | null;

  @Field(() => Date, { nullable: true })
  startsAt?: Date | null;

  @Field(() => Date, { nullable: true })
  expiresAt?: Date | null;

  @Field(() => [String], { nullable: true })
  appliesTo?: string[] | null;

  @Field(() => Boolean, { nullable: true })
  firstPurchaseOnly?: boolean | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType()
export class CouponInput extends CouponFieldsInput {
  @Field({ description: 'Case-insensitive; stored upper-case. 3 to 64 of A-Z, 0-9, _ and -.' })
  code!: string;

  @Field(() => Int, { nullable: true })
  maxRedemptions?: number | null;

  @Field(() => Int, { nullable: true, description: 'Default 1.' })
  perUserLimit?: number | null;
}

@InputType({ description: 'N unique single-use codes (1 to 1000) with the same terms.' })
export class CouponCampaignInput extends CouponFieldsInput {
  @Field()
  campaign!: string;

  @Field(() => Int)
  count!: number;

  @Field(() => String, { nullable: true, description: 'Codes read PREFIX-XXXXXXXXXX.' })
  prefix?: string | null;
}
