import { randomUUID } from 'node:crypto';
import type { Sql } from '../../platform/sql.js';
import type { LockedAccount } from './ledger.account.js';
import type { Actor, Balance, CreditHold, LedgerEntry } from './ledger.domain.js';
import { toBalance } from './ledger.account.js';
import { ENTRY_COLUMNS, HOLD_COLUMNS, toEntry, toHold } from './ledger.rows.js';
import { BURN_ORDER } from './ledger.sql.js';

/**
 * A settle's charge in one statement, inside the settle's transaction and under its account lock:
 * the usage entry (carrying the hold's member and key), the burn of grants in burn order with its links (the same statement as
 * ledger.sql.ts's BURN_GRANTS), and the hold marked settled with that entry. Three round trips were
 * one here; every row is the same as before, and the statement is all or nothing. The grants it
 * reads cannot move under it: every change to them takes this account's lock first.
 *
 * $1 entry id, $2 account id, $3 amount (> 0), $4 balance after, $5 actor type, $6 actor id,
 * $7 reference, $8 description, $9 now, $10 hold id.
 */
const SETTLE_CHARGE = `with e as (
    insert into ledger_entry (id, account_id, type, amount, balance_after, actor_type, actor_id, reference, description, idempotency_key, request_hash, created_at,
      member_id, api_key_id)
    select $1::uuid, $2::uuid, 'usage', -$3::bigint, $4::bigint, $5::text, $6::uuid, $7::text, $8::text, null, null, $9::timestamptz, h.member_id, h.api_key_id
    from credit_hold h where h.id = $10::uuid returning ${ENTRY_COLUMNS}),
  ordered as (
    select id, remaining, sum(remaining) over (order by ${BURN_ORDER}) as running
    from credit_grant where account_id = $2 and remaining > 0),
  draws as (
    select id, least(remaining, $3::bigint - (running - remaining)) as draw
    from ordered where running - remaining < $3::bigint),
  burnt as (
    update credit_grant g set remaining = g.remaining - d.draw from draws d where g.id = d.id returning g.id, d.draw),
  linked as (
    insert into ledger_entry_grant (entry_id, grant_id, amount) select $1, id, draw from burnt),
  settled as (
    update credit_hold set status = 'settled', settled_amount = $3::bigint, entry_id = $1, closed_at = $9 where id = $10
    returning ${HOLD_COLUMNS})
  select e.*, ${HOLD_COLUMNS.split(', ')
    .map((c) => `s.${c} as h_${c}`)
    .join(', ')} from e, settled s`;

/** Charges `amount` (> 0) for a hold: moves the locked account's balance, returns the entry and the settled hold. */
export async function settleCharge(
  tx: Sql,
  account: LockedAccount,
  c: { holdId: string; amount: bigint; actor: Actor; reference: string; description: string; now: Date },
): Promise<{ entry: LedgerEntry; hold: CreditHold }> {
  account.balance -= c.amount;
  const [row] = await tx.query(SETTLE_CHARGE, [
    randomUUID(),
    account.id,
    c.amount,
    account.balance,
    c.actor.type,
    c.actor.id,
    c.reference,
    c.description,
    c.now,
    c.holdId,
  ]);
  const hold = Object.fromEntries(HOLD_COLUMNS.split(', ').map((col) => [col, row![`h_${col}`]]));
  return { entry: toEntry(row!), hold: toHold(hold) };
}

/**
 * Another module's record that must commit with a settle (the usage event and its rollup): CTEs to
 * run in the same statement, their parameters numbered from `first`, written only when the CTE named
 * `gate` yields a row, i.e. when the ledger wrote. On the general path they run as one statement
 * inside the settle's transaction, gated on nothing.
 */
export interface Companion {
  ctes(first: number, gate: string): string;
  params: unknown[];
}

/** $1 user, $2 hold, $3 amount, $4 entry id, $5 actor type, $6 actor id, $7 reference, $8 description, $9 now (ledger_settle_hold, migrations 22 and 31). */
const SETTLE_HOLD = `select * from ledger_settle_hold($1::uuid, $2::uuid, $3::bigint, $4::uuid, $5::text, $6::uuid, $7::text, $8::text, $9::timestamptz)`;

export interface FastSettle {
  userId: string;
  holdId: string;
  amount: bigint;
  actor: Actor;
  reference: string;
  description: string;
  now: Date;
}

/**
 * A settle in one round trip, its own transaction: the server-side function `ledger_settle_hold`
 * (the general path's common case, same lock, same rows) with the companion's record in the same
 * statement. Null when the function wrote nothing (no account, something due, the hold not active,
 * an amount above it): the caller takes the general path, and nothing of the companion was written.
 */
export async function settleInOne(
  sql: Sql,
  c: FastSettle,
  companion?: Companion,
): Promise<{ entry: LedgerEntry | null; hold: CreditHold; balance: Balance; fired: boolean } | null> {
  const entryId = randomUUID();
  const params = [c.userId, c.holdId, c.amount, entryId, c.actor.type, c.actor.id, c.reference, c.description, c.now];
  const text = companion ? `with s as (${SETTLE_HOLD}), ${companion.ctes(params.length + 1, 's')} select * from s` : SETTLE_HOLD;
  const [row] = await sql.query(text, companion ? [...params, ...companion.params] : params, { prepare: true }); // a fixed text: planned once per connection
  if (!row) return null;
  const balance = toBalance({
    id: row.account_id,
    userId: c.userId,
    balance: BigInt(row.balance),
    held: BigInt(row.held),
    threshold: BigInt(row.low_balance_threshold),
  });
  const charged = c.amount > 0n;
  const hold = toHold({
    id: c.holdId,
    account_id: row.account_id,
    amount: row.hold_amount,
    status: 'settled',
    reference: row.hold_reference,
    expires_at: row.hold_expires_at,
    settled_amount: c.amount,
    entry_id: charged ? entryId : null,
    created_at: row.hold_created_at,
    closed_at: c.now,
  });
  const entry = charged
    ? toEntry({
        id: entryId,
        seq: row.entry_seq,
        account_id: row.account_id,
        type: 'usage',
        amount: -c.amount,
        balance_after: row.balance,
        actor_type: c.actor.type,
        actor_id: c.actor.id,
        reference: c.reference,
        description: c.description,
        created_at: c.now,
      })
    : null;
  return { entry, hold, balance, fired: row.fired };
}
