import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/*
 * The analytics close (migration 21): each closed UTC day's figures, frozen so later reports read
 * them instead of recomputing from the ledger (analytics.close.ts, analytics.close.sql.ts).
 * Credits are bigint micro-credits, liability nano-dollars, MRR cents.
 */

/** One closed day. */
@Entity({ tableName: 'analytics_daily_close' })
export class AnalyticsDailyClose {
  [OptionalProps]?: 'subscriptions' | 'closedAt';

  /** YYYY-MM-DD, UTC. */
  @PrimaryKey({ type: 'date' })
  day!: string;

  @Property({ type: 'bigint' })
  creditsSold!: bigint;

  @Property({ type: 'bigint' })
  creditsGranted!: bigint;

  @Property({ type: 'bigint' })
  creditsExpired!: bigint;

  @Property({ type: 'bigint' })
  creditsClawedBack!: bigint;

  @Property({ type: 'bigint' })
  outstandingPaid!: bigint;

  @Property({ type: 'bigint' })
  outstandingPromotional!: bigint;

  @Property({ type: 'bigint' })
  liabilityNano!: bigint;

  @Property({ type: 'bigint' })
  mrrCents!: bigint;

  @Property({ type: 'integer' })
  activeSubscriptions!: number;

  /** Active subscriptions by tier at the close. */
  @Property({ type: 'json' })
  subscriptions: unknown = [];

  @Property({ type: 'boolean' })
  testMode!: boolean;

  @Property({ type: 'timestamptz' })
  closedAt: Date = new Date();
}

/** A grant's remainder at the end of the last closed day that touched it: the next close starts from it. */
@Entity({ tableName: 'analytics_close_grant' })
export class AnalyticsCloseGrant {
  /** credit_grant.id */
  @PrimaryKey({ type: 'uuid' })
  grantId!: string;

  @Property({ type: 'date' })
  day!: string;

  @Property({ type: 'bigint' })
  remaining!: bigint;
}

/** Analytics' entities; entities.ts lists them. */
export const analyticsEntities: Function[] = [AnalyticsDailyClose, AnalyticsCloseGrant];
