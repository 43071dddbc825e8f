import type { Logger } from '../../platform/logger.js';
import type { Quote } from '../catalog/catalog.service.js';
import type { LedgerService } from '../ledger/ledger.service.js';
import type { CachedAnswer, ResponseCache } from './gateway.cache.js';
import type { CompletionCommand } from './gateway.domain.js';
import type { CompletionEvent, CompletionMeter } from './gateway.meter.js';

/** Called after every metered completion, e.g. to warn at 80% of a monthly allowance. */
export type AfterUsage = (userId: string, quote: Quote) => Promise<unknown>;

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
  ) {}

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
  async afterCommit(cmd: CompletionCommand, quote: Quote, store: { key: string; answer: CachedAnswer; ttl: number } | null): Promise<void> {
    if (store) {
      try {
        await this.cache.put(store.key, store.answer, store.ttl);
      } catch (err) {
        this.log.warn({ err }, 'could not cache a completion');
      }
    }
    if (!this.afterUsage) return;
    try {
      await this.afterUsage(cmd.userId, quote);
    } catch (err) {
      // A warning that could not be sent must not fail a call that was charged.
      this.log.warn({ err }, 'usage warning check failed');
    }
  }
}
