import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CreditsScalar } from '../../platform/scalars.js';
import { PageInfo } from '../ledger/index.js';

export const PaymentKind = { PACKAGE: 'package', SUBSCRIPTION: 'subscription', AUTO_RECHARGE: 'auto_recharge' } as const;
registerEnumType(PaymentKind, { name: 'PaymentKind', description: 'What a payment bought.' });

export const PaymentStatus = { PENDING: 'pending', PAID: 'paid', FAILED: 'failed', CANCELED: 'canceled', REFUNDED: 'refunded', DISPUTED: 'disputed' } as const;
registerEnumType(PaymentStatus, {
  name: 'PaymentStatus',
  description: 'PENDING until the payment is confirmed by Stripe (or the test checkout); only PAID grants credits.',
});

export const PaymentsModeEnum = { STRIPE: 'stripe', TEST: 'test', OFF: 'off' } as const;
registerEnumType(PaymentsModeEnum, {
  name: 'PaymentsMode',
  description: 'How this server takes payments: STRIPE (real money), TEST (the test checkout: no money moves) or OFF (buying answers PAYMENTS_UNAVAILABLE).',
});

@InputType()
export class BuyCreditsInput {
  @Field({ description: 'A credit package code (creditPackages).' })
  packageCode!: string;

  @Field(() => String, {
    nullable: true,
    description:
      "A PERCENT_OFF or AMOUNT_OFF coupon: the checkout asks the reduced price; the credits stay the package's. Unknown → NOT_FOUND; refused → BAD_USER_INPUT with extensions.reason.",
  })
  couponCode?: string | null;

  @Field(() => String, { nullable: true, description: 'The same key (per user, for the same package) answers the same checkout session again.' })
  idempotencyKey?: string | null;
}

@ObjectType({ description: 'A checkout to send the user to: Stripe Checkout, or the test checkout in test mode.' })
export class CheckoutSession {
  @Field(() => ID)
  id!: string;

  @Field()
  url!: string;
}

@ObjectType()
export class Payment {
  @Field(() => ID)
  id!: string;

  @Field(() => PaymentKind)
  kind!: string;

  @Field(() => PaymentStatus)
  status!: string;

  @Field({ description: 'What was charged, in USD: a decimal string with 2 fraction digits.' })
  amountUsd!: string;

  @Field({ description: 'ISO currency code, lowercase.' })
  currency!: string;

  @Field(() => CreditsScalar, { description: 'What the payment buys: package credits plus bonus.' })
  credits!: bigint;

  @Field(() => CreditsScalar, { description: 'The bonus part of credits.' })
  bonusCredits!: bigint;

  @Field(() => CreditsScalar, { description: 'What was granted (zero until PAID).' })
  creditsGranted!: bigint;

  @Field(() => String, { nullable: true })
  packageCode!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The checkout that opened this payment (the `id` buyCredits answered); null for subscription invoices and auto-recharge charges.',
  })
  checkoutSessionId!: string | null;

  @Field({ description: 'True when paid through the test checkout: no money moved.' })
  testMode!: boolean;

  @Field(() => String, { nullable: true, description: "Stripe's receipt, once Stripe has issued one (none in test mode)." })
  receiptUrl!: string | null;

  @Field(() => String, { nullable: true, description: "Stripe's fee in USD (2 fraction digits), once its balance transaction is known; null in test mode." })
  feeUsd!: string | null;

  @Field({ description: 'What Stripe has refunded of this payment so far, in USD (2 fraction digits).' })
  refundedUsd!: string;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  paidAt!: Date | null;
}

@ObjectType()
export class PaymentConnection {
  @Field(() => [Payment])
  nodes!: Payment[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;
}
