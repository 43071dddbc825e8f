import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

export const SUBSCRIPTION_STATUSES = ['active', 'past_due', 'canceled', 'incomplete', 'trialing'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];
/** Statuses in which a subscription gives its tier (past_due is Stripe's grace while it retries). */
export const LIVE_STATUSES: readonly SubscriptionStatus[] = ['active', 'past_due', 'trialing'];

/**
 * A user's subscription to a paid tier: a Stripe subscription, or a test-mode one (ids `sub_tollgate_test_…`).
 * `tierCode` is the tier paid for this period; `pendingTierCode` the one that takes over at renewal.
 * Written through raw SQL (subscription.store.ts) in the webhook's transaction; listed here for the schema.
 */
@Entity({ tableName: 'subscription' })
@Index({ properties: ['userId', 'createdAt'] })
export class BillingSubscriptionRow {
  [OptionalProps]?: 'createdAt' | 'updatedAt' | 'cancelAtPeriodEnd' | 'checkoutStatus';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'text' })
  tierCode!: string;

  @Property({ type: 'text' })
  status!: SubscriptionStatus;

  @Property({ type: 'timestamptz', nullable: true })
  currentPeriodStart?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  currentPeriodEnd?: Date | null;

  @Property({ type: 'boolean' })
  cancelAtPeriodEnd: boolean = false;

  @Property({ type: 'text', nullable: true })
  pendingTierCode?: string | null;

  @Property({ type: 'text', unique: true })
  stripeSubscriptionId!: string;

  @Property({ type: 'text', nullable: true })
  stripeCustomerId?: string | null;

  @Property({ type: 'text', nullable: true, unique: true })
  checkoutSessionId?: string | null;

  @Property({ type: 'text' })
  checkoutStatus: 'open' | 'complete' | 'failed' | 'canceled' = 'open';

  /** When this state was read from Stripe (or set locally in test mode): older reads never overwrite it. */
  @Property({ type: 'timestamptz' })
  stateVersion!: Date;

  @Property({ type: 'boolean' })
  testMode!: boolean;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}

/** The subscription work's MikroORM entities (issue 10); entities.ts lists them. */
export const subscriptionEntities: Function[] = [BillingSubscriptionRow];
