import type { Sql } from '../../platform/sql.js';
import type { Actor, Balance, GrantSource, LedgerEntry } from './ledger.domain.js';
import type { Companion } from './ledger.settle.js';

/** What the ledger's operations take, and what it tells the rest of the process after commit. */

export interface LedgerEvents {
  /** After commit, for every change to an account's balance, held amount or threshold. */
  balanceChanged(balance: Balance): void;
  /** After commit, once per downward crossing of the low-balance threshold. */
  lowBalance(balance: Balance): void;
}

export interface GrantCommand {
  userId: string;
  source: GrantSource;
  amount: bigint;
  idempotencyKey: string;
  actor: Actor;
  expiresAt?: Date | null;
  priority?: number | null;
  reference?: string | null;
  description?: string | null;
}

/**
 * Runs inside the ledger's transaction, after the balance change and before commit, so a caller's
 * own record (a usage event and its daily rollup) commits or rolls back with the money. Not called
 * when the ledger replays an earlier result.
 */
export type Within = (tx: Sql, entry: LedgerEntry | null) => Promise<void>;

export interface SpendCommand {
  userId: string;
  amount: bigint;
  idempotencyKey: string;
  actor: Actor;
  type?: 'usage' | 'admin_deduct';
  reference?: string | null;
  description: string;
  within?: Within;
  /** Attribution of a usage spend (a priced cache hit): the person and key. */
  memberId?: string | null;
  apiKeyId?: string | null;
}

export interface HoldCommand {
  userId: string;
  amount: bigint;
  idempotencyKey: string;
  ttlSeconds?: number;
  reference?: string | null;
  /** Publish no balance change for the hold itself: its settle or release follows within the same request and publishes. */
  quiet?: boolean;
  /** The person who spends (attribution; a member's cap on a team account). */
  memberId?: string | null;
  /** The API key used (attribution; its cap). */
  apiKeyId?: string | null;
  /**
   * A key or member cap may apply: the hold checks every cap of `apiKeyId`/`memberId` under the
   * account's lock (ledger_hold_capped) and refuses with SpendCapExceededError. Without it no cap is read.
   */
  capped?: boolean;
}

export interface SettleCommand {
  userId: string;
  holdId: string;
  amount: bigint;
  actor: Actor;
  description: string;
  reference?: string | null;
  /** A record to commit with the settle in the same statement (the usage event); see ledger.settle.ts. */
  companion?: Companion;
  /** Runs in the general path's transaction; a settle with `within` always takes the general path. */
  within?: Within;
}

export interface RefundCommand {
  userId: string;
  entryId: string;
  amount?: bigint | null;
  reason: string;
  idempotencyKey: string;
  actor: Actor;
}
