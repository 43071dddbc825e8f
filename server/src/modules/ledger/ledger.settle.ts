import { randomUUID } from 'node:crypto';
import type { Sql } from '../../platform/sql.js';
import type { LockedAccount } from './ledger.account.js';
import type { Actor, CreditHold, LedgerEntry } from './ledger.domain.js';
import { ENTRY_COLUMNS, HOLD_COLUMNS, toEntry, toHold } from './ledger.rows.js';
import { BURN_ORDER } from './ledger.sql.js';

/**
 * A settle's charge in one statement, inside the settle's transaction and under its account lock:
 * the usage entry, the burn of grants in burn order with its links (the same statement as
 * ledger.sql.ts's BURN_GRANTS), and the hold marked settled with that entry. Three round trips were
 * one here; every row is the same as before, and the statement is all or nothing. The grants it
 * reads cannot move under it: every change to them takes this account's lock first.
 *
 * $1 entry id, $2 account id, $3 amount (> 0), $4 balance after, $5 actor type, $6 actor id,
 * $7 reference, $8 description, $9 now, $10 hold id.
 */
const SETTLE_CHARGE = `with e as (
    insert into ledger_entry (id, account_id, type, amount, balance_after, actor_type, actor_id, reference, description, idempotency_key, request_hash, created_at)
    values ($1, $2, 'usage', -$3::bigint, $4, $5, $6, $7, $8, null, null, $9) returning ${ENTRY_COLUMNS}),
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
  select e.*, ${HOLD_COLUMNS.split(', ').map((c) => `s.${c} as h_${c}`).join(', ')} from e, settled s`;

/** Charges `amount` (> 0) for a hold: moves the locked account's balance, returns the entry and the settled hold. */
export async function settleCharge(
  tx: Sql, account: LockedAccount, c: { holdId: string; amount: bigint; actor: Actor; reference: string; description: string; now: Date },
): Promise<{ entry: LedgerEntry; hold: CreditHold }> {
  account.balance -= c.amount;
  const [row] = await tx.query(SETTLE_CHARGE, [randomUUID(), account.id, c.amount, account.balance, c.actor.type, c.actor.id, c.reference, c.description, c.now, c.holdId]);
  const hold = Object.fromEntries(HOLD_COLUMNS.split(', ').map((col) => [col, row![`h_${col}`]]));
  return { entry: toEntry(row!), hold: toHold(hold) };
}
