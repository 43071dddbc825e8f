import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A user's auto-recharge settings and where it stands (docs/decisions/0019-auto-recharge.md).
 * Written by raw SQL (auto-recharge.store.ts): the claim is one guarded UPDATE; the entity keeps
 * the table known to MikroORM's schema checks.
 */
@Entity({ tableName: 'auto_recharge' })
export class AutoRechargeSetting {
  [OptionalProps]?: 'armed' | 'crossing' | 'lastChargeAt' | 'lastError' | 'disabledReason' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'boolean' })
  enabled!: boolean;

  /** Micro-credits: charge when the available balance falls below this. */
  @Property({ type: 'bigint' })
  belowCredits!: bigint;

  @Property({ type: 'text' })
  packageCode!: string;

  @Property({ type: 'integer' })
  monthlyLimitCents!: number;

  /** True until a crossing is claimed; set again once the available balance is back at or above the threshold. */
  @Property({ type: 'boolean' })
  armed: boolean = true;

  /** How many crossings have been claimed: the claim's number names its payment and Stripe idempotency key. */
  @Property({ type: 'integer' })
  crossing: number = 0;

  @Property({ type: 'timestamptz', nullable: true })
  lastChargeAt?: Date | null = null;

  @Property({ type: 'text', nullable: true })
  lastError?: string | null = null;

  @Property({ type: 'text', nullable: true })
  disabledReason?: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}

/** The auto-recharge work's MikroORM entities (issue 10); entities.ts lists them. */
export const autoRechargeEntities: Function[] = [AutoRechargeSetting];
