import type { Logger } from '../../platform/logger.js';
import type { LedgerService } from './ledger.service.js';

/**
 * $1 hold ids, $2 the new deadline. Only active holds, and never shortened. A sweep that expired a
 * hold first has changed its status, so the row no longer matches (READ COMMITTED re-checks it).
 */
export const RENEW_HOLDS = `update credit_hold set expires_at = greatest(expires_at, $2) where id = any($1::uuid[]) and status = 'active' returning id`;

/** How a completion hold stays alive: a short lease that the process running the request renews. */
export const DEFAULT_HOLD_LEASE_SECONDS = 30;

/**
 * The holds of this process's in-flight requests. A completion hold is taken with a short lease
 * (`leaseSeconds`); while its request runs, the process renews every hold it tracks every third of
 * the lease, with one UPDATE. When the process dies the renewals stop, the leases lapse, and any
 * replica's sweep (or the account's next change) releases them: a crash freezes credit for about
 * a lease plus a sweep interval, not for a long TTL. The timer runs only while something is tracked.
 */
export class HoldLeases {
  private readonly held = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private renewing: Promise<void> | null = null;

  constructor(
    private readonly ledger: LedgerService,
    private readonly log: Logger,
    readonly leaseSeconds = DEFAULT_HOLD_LEASE_SECONDS,
  ) {}

  /** Every third of the lease: one renewal, and the longest a renewal may take before the next one may start. */
  get intervalMs(): number {
    return Math.max(1000, Math.floor((this.leaseSeconds * 1000) / 3));
  }

  /**
   * Renewed from now until the returned function is called (once the hold is settled or released).
   * `since` is when the hold was asked for (its lease counts from some moment after it): a hold
   * that waited a third of its lease or more for a connection and the account lock is renewed at
   * once, because the next tick could come too late.
   */
  track(holdId: string, since = Date.now()): () => void {
    this.held.add(holdId);
    if (!this.timer) {
      this.timer = setInterval(() => void this.renew(), this.intervalMs);
      this.timer.unref();
    }
    if (Date.now() - since >= this.intervalMs) void this.renew();
    return () => {
      this.held.delete(holdId);
      if (this.held.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
      }
    };
  }

  get size(): number {
    return this.held.size;
  }

  /**
   * One renewal of every tracked hold; a failure is logged and retried at the next tick, well inside
   * the lease. A renewal is given one interval: one that hangs (no free connection on a busy
   * server, a lock wait, a silent network) is logged and abandoned, so the next tick starts a fresh
   * one instead of every hold of this process lapsing behind it. The abandoned query may still
   * finish later; renewing twice only pushes a deadline out.
   */
  renew(): Promise<void> {
    if (this.renewing || this.held.size === 0) return this.renewing ?? Promise.resolve();
    const ids = [...this.held];
    const renewal = this.ledger
      .renewHolds(ids, this.leaseSeconds)
      .then((renewed) => {
        // Still tracked yet not renewed: closed a moment ago, or lapsed (the process stalled past its lease).
        const done = new Set(renewed);
        const missed = ids.filter((id) => !done.has(id) && this.held.has(id));
        if (missed.length > 0) this.log.warn({ tracked: ids.length, missed: missed.length }, 'some in-flight holds were not renewed');
        return true;
      })
      .catch((err) => {
        this.log.error({ err, tracked: ids.length }, 'renewing in-flight holds failed');
        return true;
      });
    let timer: NodeJS.Timeout | undefined;
    const stuck = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), this.intervalMs);
      timer.unref();
    });
    this.renewing = Promise.race([renewal, stuck])
      .then((finished) => {
        if (!finished)
          this.log.error({ tracked: ids.length, timeoutMs: this.intervalMs }, 'renewing in-flight holds is stuck; abandoned, the next tick tries again');
      })
      .finally(() => {
        clearTimeout(timer);
        this.renewing = null;
      });
    return this.renewing;
  }
}
