import { randomUUID } from 'node:crypto';
import { IdempotencyConflictError, NotFoundError } from '../../platform/errors.js';
import type { Sql } from '../../platform/sql.js';
import { isUuid } from '../../platform/ids.js';
import type { CreditHold, EntryResult, GrantSource, LedgerEntry } from './ledger.domain.js';
import { ENTRY_COLUMNS, HOLD_COLUMNS, toEntry, toHold } from './ledger.rows.js';
import { REPLAY_ENTRY } from './ledger.sql.js';

/** Statements the ledger operations share, each run inside the caller's transaction. */

export async function replayEntry(tx: Sql, accountId: string, key: string, hash: string): Promise<EntryResult | null> {
  const row = (await tx.query(REPLAY_ENTRY, [accountId, key]))[0];
  if (!row) return null;
  if (row.request_hash !== hash) throw new IdempotencyConflictError(key);
  return { entry: toEntry(row), replayed: true };
}

export async function findHold(tx: Sql, accountId: string, holdId: string): Promise<CreditHold> {
  if (!isUuid(holdId)) throw new NotFoundError('Hold');
  const row = (await tx.query(`select ${HOLD_COLUMNS} from credit_hold where id = $1 and account_id = $2`, [holdId, accountId]))[0];
  if (!row) throw new NotFoundError('Hold');
  return toHold(row);
}

export async function findEntry(tx: Sql, accountId: string, entryId: string): Promise<LedgerEntry> {
  const row = (await tx.query(`select ${ENTRY_COLUMNS} from ledger_entry where id = $1 and account_id = $2`, [entryId, accountId]))[0];
  if (!row) throw new NotFoundError('Entry');
  return toEntry(row);
}

export interface NewGrant {
  accountId: string;
  entryId: string;
  source: GrantSource;
  amount: bigint;
  priority: number;
  expiresAt: Date | null;
  reference: string | null;
  refundOf: string | null;
  now: Date;
}

export async function insertGrant(tx: Sql, g: NewGrant): Promise<void> {
  await tx.query(
    `insert into credit_grant (id, account_id, entry_id, source, amount, remaining, priority, expires_at, reference, refund_of_entry_id, created_at)
     values ($1, $2, $3, $4, $5, $5, $6, $7, $8, $9, $10)`,
    [randomUUID(), g.accountId, g.entryId, g.source, g.amount, g.priority, g.expiresAt, g.reference, g.refundOf, g.now],
  );
}
