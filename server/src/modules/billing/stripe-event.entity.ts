import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Every Stripe webhook event received, recorded before it is applied (the id is Stripe's, so a
 * redelivery finds its row). `appliedAt` null with an `error`: its handler failed and Stripe retries.
 */
@Entity({ tableName: 'stripe_event' })
export class StripeEvent {
  [OptionalProps]?: 'receivedAt' | 'appliedAt' | 'error';

  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'text' })
  type!: string;

  @Property({ type: 'boolean' })
  livemode!: boolean;

  /** When Stripe created the event (its `created`), not when we received it. */
  @Property({ type: 'timestamptz' })
  created!: Date;

  @Property({ type: 'timestamptz' })
  receivedAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  appliedAt?: Date | null = null;

  /** The last failure's message, kept until the event applies. */
  @Property({ type: 'text', nullable: true })
  error?: string | null = null;
}
