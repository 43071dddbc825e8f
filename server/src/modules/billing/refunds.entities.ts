import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Credits a refund or dispute could not take back because they were spent (migration 12); settled
 * from the user's next paid grant. Written through raw SQL (debt.store.ts); listed for the schema.
 */
@Entity({ tableName: 'billing_debt' })
export class BillingDebt {
  [OptionalProps]?: 'settledCredits' | 'createdAt' | 'updatedAt' | 'settledAt' | 'paymentId';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'uuid', nullable: true })
  paymentId?: string | null = null;

  /** The Stripe object that caused it (`charge:ch_…:refunded:<cents>`, `dispute:dp_…`): unique. */
  @Property({ type: 'text', unique: true })
  cause!: string;

  @Property({ type: 'bigint' })
  credits!: bigint;

  @Property({ type: 'bigint' })
  settledCredits: bigint = 0n;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  settledAt?: Date | null = null;
}

/** The refunds work's MikroORM entities (issue 10); entities.ts lists them. */
export const refundsEntities: Function[] = [BillingDebt];
