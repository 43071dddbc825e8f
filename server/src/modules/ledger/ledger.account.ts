import { randomUUID } from 'node:crypto';
import { NotFoundError } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import type { Row, Sql } from '../../platform/sql.js';
import type { Actor, Balance, EntryType } from './ledger.domain.js';
import { toEntry } from './ledger.rows.js';
import { APPEND_ENTRY, LOCK_ACCOUNT, LOCK_COLUMNS, SAVE_ACCOUNT } from './ledger.sql.js';

/** An account row locked `FOR UPDATE` for the rest of the transaction, with what is due on it. */
export interface LockedAccount {
  id: string;
  userId: string;
  balance: bigint;
  held: bigint;
  threshold: bigint;
  alerted: boolean;
  grantsDue: boolean;
  holdsDue: boolean;
  /** The balance when the lock was taken: an alert needs the balance to have fallen. */
  lockedBalance: bigint;
}

/**
 * Every balance change starts here: one round trip opens the account if needed, locks its row
 * (so changes to one account are serialised while other accounts proceed in parallel), and says
 * whether any grant or hold is past its deadline.
 */
export async function lockAccount(tx: Sql, userId: string, now: Date): Promise<LockedAccount> {
  if (!isUuid(userId)) throw new NotFoundError('User');
  const rows = await tx.query(LOCK_ACCOUNT, [userId, now, randomUUID()]);
  // An account opened by the CTE is invisible to that statement's snapshot: read it again.
  const row = rows[0] ?? (await tx.query(`select ${LOCK_COLUMNS} from credit_account a where a.user_id = $1 for update of a`, [userId, now]))[0];
  if (!row) throw new NotFoundError('User');
  return toLocked(row);
}

/** For the sweeper: locks an account unless another transaction (or replica) has it; then null. */
export async function tryLockAccountById(tx: Sql, accountId: string, now: Date): Promise<LockedAccount | null> {
  const rows = await tx.query(`select ${LOCK_COLUMNS} from credit_account a where a.id = $1 for update of a skip locked`, [accountId, now]);
  return rows[0] ? toLocked(rows[0]) : null;
}

function toLocked(row: Row): LockedAccount {
  return {
    id: row.id,
    userId: row.user_id,
    balance: BigInt(row.balance),
    lockedBalance: BigInt(row.balance),
    held: BigInt(row.held),
    threshold: BigInt(row.low_balance_threshold),
    alerted: row.low_balance_alerted,
    grantsDue: row.grants_due,
    holdsDue: row.holds_due,
  };
}

export interface NewEntry {
  type: EntryType;
  amount: bigint;
  actor: Actor;
  reference: string | null;
  description: string;
  idempotencyKey: string | null;
  requestHash: string | null;
  /** Attribution (a usage spend's person and key; a refund's, the refunded entry's). */
  memberId?: string | null;
  apiKeyId?: string | null;
}

/** Appends an entry, moving the (locked) account's balance by its amount. */
export async function appendEntry(tx: Sql, account: LockedAccount, entry: NewEntry, now: Date) {
  account.balance += entry.amount;
  const rows = await tx.query(APPEND_ENTRY, [
    randomUUID(),
    account.id,
    entry.type,
    entry.amount,
    account.balance,
    entry.actor.type,
    entry.actor.id,
    entry.reference,
    entry.description,
    entry.idempotencyKey,
    entry.requestHash,
    now,
    entry.memberId ?? null,
    entry.apiKeyId ?? null,
  ]);
  return toEntry(rows[0]!);
}

export interface SavedAccount {
  balance: Balance;
  /** Set when this change took the balance below the threshold (one alert per crossing). */
  alert: { balance: bigint; threshold: bigint } | null;
}

/** Writes the account's new balance and held amount, and arms or fires the low-balance alert. */
export async function saveAccount(tx: Sql, account: LockedAccount, now: Date): Promise<SavedAccount> {
  // Fire on a fall from at-or-above the threshold to below it; a grant that leaves a balance still
  // below it (0 → 1 with a threshold of 5) is no crossing, and only arms the state.
  const below = account.balance < account.threshold;
  const fire = below && !account.alerted && account.balance < account.lockedBalance;
  account.alerted = below;
  await tx.query(SAVE_ACCOUNT, [account.id, account.balance, account.held, account.alerted, now, account.threshold]);
  if (fire) {
    await tx.query(`insert into low_balance_alert (id, account_id, balance, threshold, created_at) values ($1, $2, $3, $4, $5)`, [
      randomUUID(),
      account.id,
      account.balance,
      account.threshold,
      now,
    ]);
  }
  return { balance: toBalance(account), alert: fire ? { balance: account.balance, threshold: account.threshold } : null };
}

export function toBalance(a: Pick<LockedAccount, 'id' | 'userId' | 'balance' | 'held' | 'threshold'>): Balance {
  return {
    accountId: a.id,
    userId: a.userId,
    balance: a.balance,
    held: a.held,
    available: a.balance - a.held,
    lowBalanceThreshold: a.threshold,
    lowBalance: a.balance < a.threshold,
  };
}
