import type { Logger } from '../../platform/logger.js';
import type { SqlPool } from '../../platform/sql.js';
import { saveAccount, tryLockAccountById, type SavedAccount } from './ledger.account.js';
import { expireDue } from './ledger.burn.js';
import type { LedgerService } from './ledger.service.js';

export interface SweepTotals {
  accounts: number;
  grants: number;
  holds: number;
}

/**
 * One pass: every account with a grant past its expiry or an active hold past its deadline
 * (only the latter with `holdsOnly`), each in its own transaction, skipping accounts another
 * transaction or replica has locked. Publishes after each commit.
 */
export async function sweepDue(
  sql: SqlPool,
  now: Date,
  options: { limit: number; holdsOnly: boolean },
  publish: (saved: SavedAccount) => void,
): Promise<SweepTotals> {
  const holds = `select account_id from credit_hold where status = 'active' and expires_at <= $1`;
  const due = await sql.query(
    options.holdsOnly
      ? `${holds} group by account_id limit $2`
      : `select account_id from credit_grant where remaining > 0 and expires_at <= $1 union ${holds} limit $2`,
    [now, options.limit],
  );
  const totals: SweepTotals = { accounts: 0, grants: 0, holds: 0 };
  for (const { account_id } of due) {
    const outcome = await sql.transaction(async (tx) => {
      const account = await tryLockAccountById(tx, account_id, now);
      if (!account) return null;
      const expired = await expireDue(tx, account, now);
      // Holds may need all of a due grant's credit: then nothing moved, and nothing is written or published.
      if (expired.grants === 0 && expired.holds === 0) return null;
      return { expired, saved: await saveAccount(tx, account, now) };
    });
    if (!outcome) continue;
    publish(outcome.saved);
    totals.accounts += 1;
    totals.grants += outcome.expired.grants;
    totals.holds += outcome.expired.holds;
  }
  return totals;
}

export interface Sweeper {
  /** Stops the timers and waits for a pass under way, so nothing queries a pool being closed. */
  stop(): Promise<void>;
}

/**
 * Runs the ledger sweep every `seconds` on every replica, and a holds-only sweep every
 * `holdSeconds` (a completion hold's lease is short, and a dead process's holds must come back
 * within a minute: docs/decisions/0012). Replicas skip each other's locked accounts, so running it
 * everywhere is safe and needs no leader. `seconds` 0 turns off the full sweep only (grants then
 * expire lazily): the holds sweep keeps its own pace whatever it is, because it is what bounds the
 * credit a crashed process leaves frozen.
 */
export function startSweeper(ledger: LedgerService, seconds: number, log: Logger, holdSeconds = seconds): Sweeper {
  let running: Promise<void> | null = null;
  const pass = (holdsOnly: boolean) => {
    if (running) return;
    running = (async () => {
      try {
        const swept = await ledger.sweep(200, { holdsOnly });
        if (swept.accounts > 0) log.info(swept, holdsOnly ? 'ledger sweep released lapsed holds' : 'ledger sweep expired grants and released holds');
      } catch (err) {
        log.error({ err }, 'ledger sweep failed');
      } finally {
        running = null;
      }
    })();
  };
  const timers: NodeJS.Timeout[] = [];
  if (seconds > 0) timers.push(setInterval(() => pass(false), seconds * 1000));
  // The full sweep releases lapsed holds too: a separate holds sweep is needed only when it runs less often.
  const holdEvery = holdSeconds > 0 ? Math.max(1, seconds > 0 ? Math.min(seconds, holdSeconds) : holdSeconds) : 0;
  if (holdEvery > 0 && (seconds <= 0 || holdEvery < seconds)) timers.push(setInterval(() => pass(true), holdEvery * 1000));
  for (const t of timers) t.unref();
  return {
    stop: async () => {
      for (const t of timers) clearInterval(t);
      await running;
    },
  };
}
