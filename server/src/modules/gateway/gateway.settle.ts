import { InsufficientCreditsError } from '../../platform/errors.js';
import type { Logger } from '../../platform/logger.js';
import type { Quote } from '../catalog/index.js';
import type { Balance } from '../ledger/index.js';
import type { LedgerService } from '../ledger/index.js';
import type { Sql } from '../../platform/sql.js';
import type { CachedAnswer, ResponseCache } from './gateway.cache.js';
import type { CompletionCommand } from './gateway.domain.js';
import type { MonthUsage } from './gateway.limits.js';
import type { CompletionEvent, CompletionMeter } from './gateway.meter.js';

/**
 * Called after every metered completion, e.g. to warn at 80% of a monthly allowance. `used` is the
 * month's completion usage including this call, when the limit check read the month (else unknown).
 */
export type AfterUsage = (userId: string, quote: Quote, used?: MonthUsage) => Promise<unknown>;

/**
 * What a completion does around its money, beyond the ledger call itself: give a hold back on
 * every failure, and run the side effects after the charge committed. Neither throws: a failure
 * here is logged, because by then the caller's outcome is already decided.
 */
export class CompletionAftermath {
  constructor(
    private readonly ledger: LedgerService,
    private readonly meter: CompletionMeter,
    private readonly cache: ResponseCache,
    private readonly log: Logger,
    private readonly afterUsage?: AfterUsage,
    private readonly sql?: Sql,
  ) {}

  /**
   * Runs the settle, saying when the hold had lapsed under the call (its process stalled past the
   * lease: docs/decisions/0012). Charged from the available balance, the caller still gets its
   * answer; refused because that no longer covers the cost, the failure is metered as HOLD_LAPSED
   * and the caller gets INSUFFICIENT_CREDITS with nothing charged.
   *
   * A settle that throws may still have committed (the COMMIT went through, its reply was lost):
   * the hold is read again, and if it is settled the call was charged, so it is answered as a
   * success (`balance` null: read it afresh) rather than released, which would fail and answer an
   * error for a call that was paid for.
   */
  async settle(
    holdId: string,
    failure: { event: CompletionEvent | null },
    run: () => Promise<{ lapsed: boolean; balance: Balance }>,
  ): Promise<{ balance: Balance | null }> {
    try {
      const settled = await run();
      if (settled.lapsed) this.log.warn({ holdId }, 'settled a completion whose hold had lapsed while it ran (charged from the available balance)');
      return settled;
    } catch (err) {
      if (err instanceof InsufficientCreditsError && failure.event) {
        failure.event = { ...failure.event, errorCode: 'HOLD_LAPSED' };
        this.log.warn({ holdId }, 'a completion whose hold lapsed while it ran could not be charged: the available balance no longer covers it');
      }
      if (await this.settledAfterAll(holdId)) {
        this.log.warn({ err, holdId }, 'a settle failed after its commit (the reply was lost); the hold is settled, so the call is answered as charged');
        return { balance: null };
      }
      throw err;
    }
  }

  /** Whether the hold is settled, read afresh; unknown (the read failing too) counts as not. */
  private async settledAfterAll(holdId: string): Promise<boolean> {
    if (!this.sql) return false;
    try {
      const [row] = await this.sql.query(`select status from credit_hold where id = $1`, [holdId]);
      return row?.status === 'settled';
    } catch (err) {
      this.log.error({ err, holdId }, 'could not read back the hold of a failed settle');
      return false;
    }
  }

  /**
   * Releases a hold whose call failed, metering the failure in the same transaction. When the
   * event cannot be written (the very fault that failed the settle, say), the hold is released
   * without it: credit must not stay frozen for want of a metering row. Still failing, the hold's
   * lease lapses and the sweeper releases it.
   */
  async giveBack(cmd: CompletionCommand, holdId: string, failed: CompletionEvent | null): Promise<void> {
    if (failed) {
      try {
        await this.ledger.release(cmd.userId, holdId, async (tx) => void (await this.meter.record(cmd, failed, tx)));
        return;
      } catch (err) {
        this.log.error({ err, holdId }, 'could not meter a failed completion; releasing its hold without the event');
      }
    }
    try {
      await this.ledger.release(cmd.userId, holdId);
    } catch (err) {
      this.log.error({ err, holdId }, 'could not release the hold of a failed completion; its lease will lapse');
    }
  }

  /** Meters a failure that moved no money; a write that fails is logged, the caller's error stands. */
  async meterFailure(cmd: CompletionCommand, failed: CompletionEvent): Promise<void> {
    try {
      await this.meter.record(cmd, failed);
    } catch (err) {
      this.log.error({ err }, 'could not meter a failed completion');
    }
  }

  /** After the charge committed: cache the answer and check allowances. Best-effort, never throws. */
  async afterCommit(cmd: CompletionCommand, quote: Quote, store: { key: string; answer: CachedAnswer; ttl: number } | null, used?: MonthUsage): Promise<void> {
    if (store) {
      try {
        await this.cache.put(store.key, store.answer, store.ttl);
      } catch (err) {
        this.log.warn({ err }, 'could not cache a completion');
      }
    }
    if (!this.afterUsage) return;
    try {
      await this.afterUsage(cmd.userId, quote, used);
    } catch (err) {
      // A warning that could not be sent must not fail a call that was charged.
      this.log.warn({ err }, 'usage warning check failed');
    }
  }

  /**
   * The one balance read of a call that charges nothing (BYOK, a free cache hit): taken before its
   * usage event commits, which cannot move the balance. Best-effort: null if it cannot be read, and
   * the balance is then read after the commit instead.
   */
  balanceBefore(userId: string): Promise<Balance | null> {
    return this.ledger.balance(userId).catch(() => null);
  }

  /**
   * The balance to answer a call with once it has committed, when nothing in hand says it: the
   * read before the commit failed (a call that charged nothing), or a settle's reply was lost.
   * A read that fails here is logged; only with no balance known at all does the call fail.
   */
  async balanceAfterCommit(userId: string): Promise<Balance> {
    try {
      return await this.ledger.balance(userId);
    } catch (err) {
      this.log.warn({ err }, 'could not read the balance after a completion committed');
      throw err;
    }
  }
}
