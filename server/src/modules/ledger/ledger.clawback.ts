import type { Sql } from '../../platform/sql.js';
import { appendEntry, type LockedAccount } from './ledger.account.js';
import { SYSTEM } from './ledger.domain.js';
import { replayEntry } from './ledger.queries.js';
import { BURN_ORDER } from './ledger.sql.js';
import { requestHash } from './ledger.validate.js';

export interface ClawbackCommand {
  /** Micro-credits to take back at most. */
  amount: bigint;
  /** Derived from the Stripe object that causes it (a refund of a charge, a dispute, a debt settled by a payment). */
  idempotencyKey: string;
  reference: string;
  description: string;
  /**
   * Grant references to burn first (the grants the refunded payment created, or the ones the
   * payment settling a debt just created); then the usual burn order.
   */
  preferReferences: string[];
}

export interface ClawbackResult {
  /** What left the balance: ≤ amount, ≤ what was available. */
  taken: bigint;
  /** True when this key was applied before: nothing moved now. */
  replayed: boolean;
}

/**
 * Draws from the preferred grants first, then in the fixed burn order, one statement, linking each
 * draw to the entry: the same shape as the ledger's own burn, with the preference in front.
 */
const BURN_PREFERRING = `with ordered as (
    select id, remaining, sum(remaining) over (order by coalesce(reference = any($4::text[]), false) desc, ${BURN_ORDER}) as running
    from credit_grant where account_id = $1 and remaining > 0),
  draws as (
    select id, least(remaining, $2::bigint - (running - remaining)) as draw
    from ordered where running - remaining < $2::bigint),
  burnt as (
    update credit_grant g set remaining = g.remaining - d.draw from draws d where g.id = d.id returning g.id, d.draw)
  insert into ledger_entry_grant (entry_id, grant_id, amount) select $3, id, draw from burnt`;

/**
 * Takes back up to `amount` from the AVAILABLE balance (balance − held) as one `clawback` entry,
 * inside `ledger.applyWithin`. Held credit is never touched (a running call has reserved it) and
 * the balance never goes negative: the caller records whatever was not taken as debt. Replaying
 * the same key moves nothing and answers what the first run took.
 */
export async function clawback(tx: Sql, account: LockedAccount, cmd: ClawbackCommand, now: Date): Promise<ClawbackResult> {
  // The key names the cause; the amount depends on the balance at the time, so it is not hashed.
  const hash = requestHash('clawback', { reference: cmd.reference });
  const replay = await replayEntry(tx, account.id, cmd.idempotencyKey, hash);
  if (replay) return { taken: -replay.entry.amount, replayed: true };
  const available = account.balance - account.held;
  const take = cmd.amount < available ? cmd.amount : available;
  if (take <= 0n) return { taken: 0n, replayed: false };
  const entry = await appendEntry(
    tx,
    account,
    { type: 'clawback', amount: -take, actor: SYSTEM, reference: cmd.reference, description: cmd.description, idempotencyKey: cmd.idempotencyKey, requestHash: hash },
    now,
  );
  await tx.query(BURN_PREFERRING, [account.id, take, entry.id, cmd.preferReferences]);
  return { taken: take, replayed: false };
}
