import { Entity, OptionalProps, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';

/*
 * The ledger's tables (migration 2), as MikroORM entities: the readable data model. The ledger
 * itself writes them with named SQL on the ORM's pool (ledger.sql.ts, ledger.hold.ts,
 * ledger.settle.ts): one round trip per statement, row locks where it needs them. Amounts are
 * bigint micro-credits. Foreign keys, checks and indexes live in the migrations; the referenced
 * table is named on each key below.
 */

export const HOLD_STATUSES = ['active', 'settled', 'released', 'expired'] as const;
export type HoldStatus = (typeof HOLD_STATUSES)[number];

/** One per user, opened at sign-up: the balance and the part of it held by in-flight calls. */
@Entity({ tableName: 'credit_account' })
export class CreditAccount {
  [OptionalProps]?: 'balance' | 'held' | 'lowBalanceThreshold' | 'lowBalanceAlerted' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** app_user.id: unique, one account per user. */
  @Property({ type: 'uuid', unique: true })
  userId!: string;

  @Property({ type: 'bigint' })
  balance: bigint = 0n;

  /** Reserved by active holds; never above the balance. */
  @Property({ type: 'bigint' })
  held: bigint = 0n;

  @Property({ type: 'bigint' })
  lowBalanceThreshold: bigint = 5_000_000n;

  @Property({ type: 'boolean' })
  lowBalanceAlerted: boolean = false;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}

/** One balance change, append-only: the amount, the balance after it, who and why; idempotent per account and key. */
@Entity({ tableName: 'ledger_entry' })
export class LedgerEntry {
  [OptionalProps]?: 'seq' | 'actorId' | 'reference' | 'idempotencyKey' | 'requestHash' | 'memberId' | 'apiKeyId';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** Insertion order across the whole ledger (bigserial): the history's cursor. */
  @Property({ type: 'bigint', autoincrement: true, unique: true })
  seq!: bigint;

  /** credit_account.id */
  @Property({ type: 'uuid' })
  accountId!: string;

  @Property({ type: 'text' })
  type!: string;

  /** Signed: positive adds credits, negative takes them. */
  @Property({ type: 'bigint' })
  amount!: bigint;

  @Property({ type: 'bigint' })
  balanceAfter!: bigint;

  @Property({ type: 'text' })
  actorType!: string;

  @Property({ type: 'uuid', nullable: true })
  actorId?: string | null;

  @Property({ type: 'text', nullable: true })
  reference?: string | null;

  @Property({ type: 'text' })
  description!: string;

  @Property({ type: 'text', nullable: true })
  idempotencyKey?: string | null;

  /** The hash of the request that first used the key: a different request under it is refused. */
  @Property({ type: 'text', nullable: true })
  requestHash?: string | null;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  /** The person and API key a charge (or its refund) is attributed to, on a team's account or one's own (migration 30). */
  @Property({ type: 'uuid', nullable: true })
  memberId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  apiKeyId?: string | null;
}

/** Credits granted by one entry, spent in burn order (priority, expiry, age) until `remaining` is 0. */
@Entity({ tableName: 'credit_grant' })
export class CreditGrant {
  [OptionalProps]?: 'expiresAt' | 'reference' | 'refundOfEntryId';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** credit_account.id */
  @Property({ type: 'uuid' })
  accountId!: string;

  /** ledger_entry.id: the entry that granted it. */
  @Property({ type: 'uuid' })
  entryId!: string;

  @Property({ type: 'text' })
  source!: string;

  @Property({ type: 'bigint' })
  amount!: bigint;

  @Property({ type: 'bigint' })
  remaining!: bigint;

  @Property({ type: 'integer' })
  priority!: number;

  @Property({ type: 'timestamptz', nullable: true })
  expiresAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  reference?: string | null;

  /** ledger_entry.id: the spend a refund grant gives back. */
  @Property({ type: 'uuid', nullable: true })
  refundOfEntryId?: string | null;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;
}

/** How much of each grant an entry drew (or restored): the audit trail of burn order. */
@Entity({ tableName: 'ledger_entry_grant' })
export class LedgerEntryGrant {
  [PrimaryKeyProp]?: ['entryId', 'grantId'];

  /** ledger_entry.id */
  @PrimaryKey({ type: 'uuid' })
  entryId!: string;

  /** credit_grant.id */
  @PrimaryKey({ type: 'uuid' })
  grantId!: string;

  @Property({ type: 'bigint' })
  amount!: bigint;
}

/** Credits reserved for one in-flight call, settled (charged), released or expired; leased, so a dead process's hold lapses. */
@Entity({ tableName: 'credit_hold' })
export class CreditHold {
  [OptionalProps]?: 'status' | 'reference' | 'idempotencyKey' | 'requestHash' | 'settledAmount' | 'entryId' | 'closedAt' | 'memberId' | 'apiKeyId';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** credit_account.id */
  @Property({ type: 'uuid' })
  accountId!: string;

  @Property({ type: 'bigint' })
  amount!: bigint;

  @Property({ type: 'text' })
  status: HoldStatus = 'active';

  @Property({ type: 'text', nullable: true })
  reference?: string | null;

  @Property({ type: 'text', nullable: true })
  idempotencyKey?: string | null;

  @Property({ type: 'text', nullable: true })
  requestHash?: string | null;

  /** The lease: renewed while the call runs, swept once past. */
  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'bigint', nullable: true })
  settledAmount?: bigint | null;

  /** ledger_entry.id: the settle's entry. */
  @Property({ type: 'uuid', nullable: true })
  entryId?: string | null;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  closedAt?: Date | null;

  /** Who spent (the person) and through which key: attribution, and what spend caps sum (migration 30). */
  @Property({ type: 'uuid', nullable: true })
  memberId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  apiKeyId?: string | null;
}

/** The record of each low-balance alert sent (the account's flag re-arms when the balance recovers). */
@Entity({ tableName: 'low_balance_alert' })
export class LowBalanceAlert {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** credit_account.id */
  @Property({ type: 'uuid' })
  accountId!: string;

  @Property({ type: 'bigint' })
  balance!: bigint;

  @Property({ type: 'bigint' })
  threshold!: bigint;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;
}

/** The ledger's entities; entities.ts lists them. */
export const ledgerEntities: Function[] = [CreditAccount, LedgerEntry, CreditGrant, LedgerEntryGrant, CreditHold, LowBalanceAlert];
