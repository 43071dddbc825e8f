import { Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { TierType as Tier } from '../catalog/index.js';

export const SubscriptionStatus = { ACTIVE: 'active', PAST_DUE: 'past_due', CANCELED: 'canceled', INCOMPLETE: 'incomplete', TRIALING: 'trialing' } as const;
registerEnumType(SubscriptionStatus, {
  name: 'SubscriptionStatus',
  description: 'PAST_DUE: a renewal payment failed and Stripe is retrying; the tier stays, no new allocation until an invoice is paid.',
});

@InputType()
export class SubscribeInput {
  @Field({ description: 'A paid tier code (tiers).' })
  tierCode!: string;

  @Field(() => String, {
    nullable: true,
    description: 'A PERCENT_OFF or AMOUNT_OFF coupon, off the first month. Unknown → NOT_FOUND; refused → BAD_USER_INPUT with extensions.reason.',
  })
  couponCode?: string | null;
}

@ObjectType({ description: "Your subscription to a paid tier (Stripe's, or a test-mode one)." })
export class BillingSubscription {
  @Field(() => Tier, { description: 'The tier paid for this period.' })
  tier!: Tier;

  @Field(() => SubscriptionStatus)
  status!: string;

  @Field(() => Date, { nullable: true })
  currentPeriodStart!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When this period ends: its allocation expires then, and a renewal or cancellation happens.' })
  currentPeriodEnd!: Date | null;

  @Field({ description: 'True when the subscription ends at the period end (credits are kept until then).' })
  cancelAtPeriodEnd!: boolean;

  @Field(() => Tier, { nullable: true, description: 'A downgrade that takes over at the next renewal.' })
  pendingTier!: Tier | null;

  @Field({ description: 'True for a test-mode subscription: no money moves.' })
  testMode!: boolean;
}
