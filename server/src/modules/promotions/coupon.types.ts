import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CreditsScalar } from '../../platform/scalars.js';
import { CreditTransaction } from '../ledger/index.js';

export const CouponKindEnum = { CREDITS: 'credits', PERCENT_OFF: 'percent_off', AMOUNT_OFF: 'amount_off', FREE_MONTH: 'free_month' } as const;
registerEnumType(CouponKindEnum, {
  name: 'CouponKind',
  description:
    'CREDITS: bonus credits on redemption. PERCENT_OFF / AMOUNT_OFF: a discount on a package or subscription checkout (couponCode). FREE_MONTH: a month of tierCode with its allocation, no payment.',
});

export const RedemptionStatusEnum = { PENDING: 'pending', REDEEMED: 'redeemed', RELEASED: 'released' } as const;
registerEnumType(RedemptionStatusEnum, {
  name: 'CouponRedemptionStatus',
  description:
    'PENDING: a discount reserved by an open checkout; REDEEMED: used (paid, or credited); RELEASED: the checkout expired or failed, the use was given back.',
});

@ObjectType()
export class CouponSummary {
  @Field()
  code!: string;

  @Field(() => CouponKindEnum)
  kind!: string;
}

@ObjectType({ description: 'A coupon as an admin sees it.' })
export class Coupon extends CouponSummary {
  @Field(() => CreditsScalar, { nullable: true, description: 'CREDITS: what one redemption grants.' })
  credits!: bigint | null;

  @Field(() => Int, { nullable: true, description: 'CREDITS: the granted credit expires this many days after the redemption (none: never).' })
  creditsExpireDays!: number | null;

  @Field(() => Int, { nullable: true, description: 'PERCENT_OFF: whole percent, 1 to 100.' })
  percentOff!: number | null;

  @Field(() => String, { nullable: true, description: 'AMOUNT_OFF: USD, 2 fraction digits.' })
  amountOffUsd!: string | null;

  @Field(() => String, { nullable: true, description: 'FREE_MONTH: the tier given.' })
  tierCode!: string | null;

  @Field(() => Int, { nullable: true, description: 'FREE_MONTH: always 1.' })
  freeMonths!: number | null;

  @Field(() => Int, { nullable: true, description: 'Uses overall; null: unlimited.' })
  maxRedemptions!: number | null;

  @Field(() => Int, { description: 'Uses counted so far, including discounts reserved by open checkouts.' })
  redemptions!: number;

  @Field(() => Int)
  perUserLimit!: number;

  @Field(() => Date, { nullable: true })
  startsAt!: Date | null;

  @Field(() => Date, { nullable: true })
  expiresAt!: Date | null;

  @Field(() => [String], { description: 'Package or tier codes a discount applies to; empty: all.' })
  appliesTo!: string[];

  @Field()
  firstPurchaseOnly!: boolean;

  @Field()
  active!: boolean;

  @Field(() => String, { nullable: true, description: 'The campaign a generated code belongs to.' })
  campaign!: string | null;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => String, { nullable: true, description: 'The admin who created it (user id).' })
  createdBy!: string | null;

  @Field(() => CreditsScalar, { description: 'Credits granted by its redemptions (CREDITS, and FREE_MONTH allocations).' })
  creditsGranted!: bigint;

  @Field()
  createdAt!: Date;
}

@ObjectType({ description: 'What a code would give, without redeeming it.' })
export class CouponCheck {
  @Field()
  valid!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Why not: NOT_FOUND, EXPIRED, EXHAUSTED, INACTIVE, ALREADY_REDEEMED or NOT_APPLICABLE (signed out: only the first four).',
  })
  reason!: string | null;

  @Field(() => String, { nullable: true })
  message!: string | null;

  @Field(() => CouponSummary, { nullable: true })
  coupon!: CouponSummary | null;

  @Field(() => CreditsScalar, { nullable: true })
  credits!: bigint | null;

  @Field(() => Int, { nullable: true })
  percentOff!: number | null;

  @Field(() => String, { nullable: true })
  amountOffUsd!: string | null;

  @Field(() => String, { nullable: true })
  tierCode!: string | null;

  @Field(() => [String])
  appliesTo!: string[];

  @Field(() => Date, { nullable: true })
  expiresAt!: Date | null;
}

@ObjectType()
export class CouponRedemption {
  @Field(() => CouponSummary)
  coupon!: CouponSummary;

  @Field(() => CreditsScalar, { description: 'Credits granted: the coupon credit, or the free month allocation.' })
  credits!: bigint;

  @Field(() => CreditTransaction, { nullable: true, description: 'The COUPON entry (CREDITS); null for FREE_MONTH (its entry is a SUBSCRIPTION one).' })
  transaction!: CreditTransaction | null;

  @Field(() => String, { nullable: true, description: 'FREE_MONTH: the tier you now have.' })
  tierCode!: string | null;

  @Field(() => Date, { nullable: true, description: 'FREE_MONTH: when it ends (then back to free unless you subscribe).' })
  endsAt!: Date | null;
}

@ObjectType()
export class CouponRedemptionRecord {
  @Field()
  id!: string;

  @Field(() => String, { nullable: true })
  userEmail!: string | null;

  @Field(() => RedemptionStatusEnum)
  status!: string;

  @Field(() => CreditsScalar)
  credits!: bigint;

  @Field(() => String, { nullable: true, description: 'A discount: what the checkout asked, in USD.' })
  amountUsd!: string | null;

  @Field(() => String, { nullable: true, description: 'A discount: what it took off, in USD.' })
  discountUsd!: string | null;

  @Field(() => String, { nullable: true, description: 'The package or tier.' })
  targetCode!: string | null;

  @Field(() => String, { nullable: true, description: 'checkout:<session> for a discount.' })
  reference!: string | null;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  closedAt!: Date | null;
}

@ObjectType()
export class CouponCampaign {
  @Field()
  campaign!: string;

  @Field(() => Int)
  count!: number;

  @Field(() => [String])
  codes!: string[];

  @Field({ description: 'code,kind,credits,percent_off,amount_off_usd,tier_code,starts_at,expires_at,campaign — one line per code.' })
  csv!: string;
}
