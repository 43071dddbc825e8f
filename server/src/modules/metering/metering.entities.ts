import { Entity, OptionalProps, PrimaryKey, PrimaryKeyProp, Property, Unique } from '@mikro-orm/core';

/*
 * Metering's tables (migrations 4, 5, 6, 14, 19): every metered call, the daily rollup written in
 * the same statement as each event (usage.store.ts, named SQL on the hot path), the per-unit price
 * list and the 80% warnings. Costs are integer nano-dollars, charges bigint micro-credits.
 */

export const USAGE_STATUSES = ['ok', 'error', 'cached'] as const;
export type UsageStatus = (typeof USAGE_STATUSES)[number];

/** One metered call (a completion or a tracked unit of another service); idempotent per user and key. */
@Entity({ tableName: 'usage_event' })
@Unique({ properties: ['userId', 'idempotencyKey'] })
export class UsageEvent {
  [OptionalProps]?:
    | 'apiKeyId'
    | 'memberId'
    | 'service'
    | 'modelId'
    | 'provider'
    | 'errorCode'
    | 'inputTokens'
    | 'outputTokens'
    | 'costNano'
    | 'markupBps'
    | 'charged'
    | 'cached'
    | 'byok'
    | 'latencyMs'
    | 'holdId'
    | 'idempotencyKey'
    | 'requestHash'
    | 'response'
    | 'createdAt'
    | 'saved'
    | 'units'
    | 'overageTokens'
    | 'overageCharged'
    | 'overageSurcharge';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** app_user.id */
  @Property({ type: 'uuid' })
  userId!: string;

  /** api_key.id (null once the key is deleted, or for a session). */
  @Property({ type: 'uuid', nullable: true })
  apiKeyId?: string | null;

  /** The person who made the call; on a team's account `userId` is the team (migration 30). */
  @Property({ type: 'uuid', nullable: true })
  memberId?: string | null;

  @Property({ type: 'text' })
  service: string = 'completion';

  @Property({ type: 'text', nullable: true })
  modelId?: string | null;

  @Property({ type: 'text', nullable: true })
  provider?: string | null;

  @Property({ type: 'text' })
  status!: UsageStatus;

  @Property({ type: 'text', nullable: true })
  errorCode?: string | null;

  @Property({ type: 'integer' })
  inputTokens: number = 0;

  @Property({ type: 'integer' })
  outputTokens: number = 0;

  @Property({ type: 'bigint' })
  costNano: bigint = 0n;

  @Property({ type: 'integer' })
  markupBps: number = 0;

  @Property({ type: 'bigint' })
  charged: bigint = 0n;

  @Property({ type: 'boolean' })
  cached: boolean = false;

  @Property({ type: 'boolean' })
  byok: boolean = false;

  @Property({ type: 'integer' })
  latencyMs: number = 0;

  /** credit_hold.id of the hold the call settled (no foreign key: holds are swept independently). */
  @Property({ type: 'uuid', nullable: true })
  holdId?: string | null;

  @Property({ type: 'text', nullable: true })
  idempotencyKey?: string | null;

  @Property({ type: 'text', nullable: true })
  requestHash?: string | null;

  /** The answer kept for an idempotent replay. */
  @Property({ type: 'json', nullable: true })
  response?: unknown;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  /** What a cache hit would have cost (migration 5). */
  @Property({ type: 'bigint' })
  saved: bigint = 0n;

  @Property({ type: 'bigint' })
  units: bigint = 0n;

  @Property({ type: 'bigint' })
  overageTokens: bigint = 0n;

  @Property({ type: 'bigint' })
  overageCharged: bigint = 0n;

  @Property({ type: 'bigint' })
  overageSurcharge: bigint = 0n;
}

/** The daily rollup of usage_event per user, day (UTC), service, model, provider, BYOK and status. */
@Entity({ tableName: 'usage_daily' })
export class UsageDaily {
  [PrimaryKeyProp]?: ['userId', 'day', 'service', 'modelId', 'provider', 'byok', 'status'];

  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  /** YYYY-MM-DD, UTC. */
  @PrimaryKey({ type: 'date' })
  day!: string;

  @PrimaryKey({ type: 'text' })
  service!: string;

  /** '' for services without a model. */
  @PrimaryKey({ type: 'text' })
  modelId: string = '';

  @PrimaryKey({ type: 'text' })
  provider: string = '';

  @PrimaryKey({ type: 'boolean' })
  byok: boolean = false;

  @PrimaryKey({ type: 'text' })
  status: UsageStatus = 'ok';

  @Property({ type: 'bigint' })
  requests: bigint = 0n;

  @Property({ type: 'bigint' })
  cachedRequests: bigint = 0n;

  @Property({ type: 'bigint' })
  errorRequests: bigint = 0n;

  @Property({ type: 'bigint' })
  inputTokens: bigint = 0n;

  @Property({ type: 'bigint' })
  outputTokens: bigint = 0n;

  @Property({ type: 'bigint' })
  units: bigint = 0n;

  @Property({ type: 'bigint' })
  costNano: bigint = 0n;

  @Property({ type: 'bigint' })
  charged: bigint = 0n;

  @Property({ type: 'bigint' })
  saved: bigint = 0n;

  @Property({ type: 'bigint' })
  overageTokens: bigint = 0n;

  @Property({ type: 'bigint' })
  overageCharged: bigint = 0n;

  @Property({ type: 'bigint' })
  overageSurcharge: bigint = 0n;
}

/** The list price of a per-unit service (trackUsage), in nano-dollars per unit. */
@Entity({ tableName: 'service_price' })
export class ServicePrice {
  [OptionalProps]?: 'updatedAt';

  @PrimaryKey({ type: 'text' })
  service!: string;

  @Property({ type: 'text' })
  unit!: string;

  @Property({ type: 'bigint' })
  nanoPerUnit!: bigint;

  @Property({ type: 'text' })
  source!: string;

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}

/** An 80%-of-allowance warning sent: its key makes each fire once per user, month and kind. */
@Entity({ tableName: 'usage_warning' })
export class UsageWarning {
  [PrimaryKeyProp]?: ['userId', 'month', 'kind'];
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  /** The month's first day, YYYY-MM-DD. */
  @PrimaryKey({ type: 'date' })
  month!: string;

  /** tokens | requests */
  @PrimaryKey({ type: 'text' })
  kind!: string;

  @Property({ type: 'bigint' })
  used!: bigint;

  @Property({ type: 'bigint' })
  limit!: bigint;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}

/** Metering's entities; entities.ts lists them. */
export const meteringEntities: Function[] = [UsageEvent, UsageDaily, ServicePrice, UsageWarning];
