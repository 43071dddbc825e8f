import type { Sql } from '../../platform/sql.js';
import { appendEntry, type LockedAccount } from './ledger.account.js';
import { SYSTEM } from './ledger.domain.js';
import { replayEntry } from './ledger.queries.js';
import { burnStatement } from './ledger.sql.js';
import { requestHash } from '../../platform/request-hash.js';

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

/** Draws from the grants of the paying object first ($4: their references), then in the fixed burn order. */
const BURN_PREFERRING = burnStatement({ preferFirst: 'reference = any($4::text[])' });

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
    {
      type: 'clawback',
      amount: -take,
      actor: SYSTEM,
      reference: cmd.reference,
      description: cmd.description,
      idempotencyKey: cmd.idempotencyKey,
      requestHash: hash,
    },
    now,
  );
  await tx.query(BURN_PREFERRING, [account.id, take, entry.id, cmd.preferReferences]);
  return { taken: take, replayed: false };
}
