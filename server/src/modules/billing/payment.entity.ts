import { Entity, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';

export const PAYMENT_KINDS = ['package', 'subscription', 'auto_recharge'] as const;
export type PaymentKind = (typeof PAYMENT_KINDS)[number];
export const PAYMENT_STATUSES = ['pending', 'paid', 'failed', 'canceled', 'refunded', 'disputed'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** A user's Stripe customer, created once (billing.customers.ts). */
@Entity({ tableName: 'billing_customer' })
export class BillingCustomer {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'text', unique: true })
  stripeCustomerId!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}

/**
 * One payment: amounts in integer cents, credits in bigint micro-credits. Written PENDING when the
 * checkout opens; only a verified payment (a signed webhook or the test checkout) moves it to PAID.
 */
@Entity({ tableName: 'payment' })
@Unique({ properties: ['userId', 'idempotencyKey'] })
export class Payment {
  [OptionalProps]?: 'seq' | 'createdAt' | 'updatedAt' | 'paidAt' | 'feeCents' | 'creditsGranted' | 'receiptUrl';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** Insertion order: the history's cursor. Assigned by the database. */
  @Property({ type: 'bigint', generated: 'identity', unique: true })
  seq!: bigint;

  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'text' })
  kind!: PaymentKind;

  @Property({ type: 'text' })
  status!: PaymentStatus;

  @Property({ type: 'text', nullable: true })
  packageCode?: string | null;

  @Property({ type: 'integer' })
  amountCents!: number;

  @Property({ type: 'text' })
  currency!: string;

  @Property({ type: 'integer', nullable: true })
  feeCents?: number | null = null;

  @Property({ type: 'bigint' })
  credits!: bigint;

  @Property({ type: 'bigint' })
  bonusCredits!: bigint;

  @Property({ type: 'bigint' })
  creditsGranted: bigint = 0n;

  @Property({ type: 'boolean' })
  testMode!: boolean;

  @Property({ type: 'text', nullable: true, unique: true })
  checkoutSessionId?: string | null;

  /** Where the user pays (Stripe Checkout or the test checkout): a retried buyCredits answers it again. */
  @Property({ type: 'text', nullable: true })
  checkoutUrl?: string | null;

  @Property({ type: 'text', nullable: true })
  stripePaymentIntentId?: string | null;

  @Property({ type: 'text', nullable: true })
  stripeCustomerId?: string | null;

  @Property({ type: 'text', nullable: true })
  receiptUrl?: string | null = null;

  @Property({ type: 'text', nullable: true })
  idempotencyKey?: string | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  paidAt?: Date | null = null;

  // Subscription invoices (migration 11) and refunds/disputes (migration 12). No initializers: an
  // insert through the EntityManager leaves them to their column defaults.
  @Property({ type: 'text', nullable: true, unique: true })
  stripeInvoiceId?: string | null;

  @Property({ type: 'text', nullable: true })
  stripeSubscriptionId?: string | null;

  @Property({ type: 'text', nullable: true })
  tierCode?: string | null;

  @Property({ type: 'integer' })
  amountRefundedCents?: number;

  /** How much of creditsGranted refunds and disputes have claimed so far. */
  @Property({ type: 'bigint' })
  creditsClawedBack?: bigint;

  @Property({ type: 'text', nullable: true })
  stripeChargeId?: string | null;

  @Property({ type: 'text', nullable: true })
  stripeBalanceTransactionId?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  disputedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  refundedAt?: Date | null;
}
