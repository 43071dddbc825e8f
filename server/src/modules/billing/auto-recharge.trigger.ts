import type { Logger } from '../../platform/logger.js';
import type { UserChanges } from '../../platform/user-cache.js';
import type { SqlPool } from '../../platform/sql.js';
import type { Balance } from '../ledger/index.js';
import type { AutoRechargeCharger } from './auto-recharge.charge.js';
import type { AutoRechargeStore } from './auto-recharge.store.js';

/** How long a replica trusts what it last read of a user's settings (another replica's save shows within this). */
const SETTINGS_TTL_MS = 10_000;
/**
 * The same while PostgreSQL's change notifications are heard (migration 24 notifies every change to
 * a user's auto_recharge row at its commit, and the entry is dropped then): the TTL is only a backstop.
 */
const NOTIFIED_TTL_MS = 10 * 60_000;
const MAX_CACHED = 50_000;
/**
 * After this long pending with no PaymentIntent, a claimed charge is taken to have lost its process
 * (a live create answers within the Stripe client's timeout and retries, about a minute at most).
 */
export const STALLED_CHARGE_SECONDS = 300;

interface Known {
  enabled: boolean;
  below: bigint;
  armed: boolean;
}

/**
 * Watches every committed balance change (the ledger's after-commit events) and, for a user with
 * auto-recharge on, claims the crossing when the available credit falls below the threshold, or
 * re-arms once it is back at or above it. The event only says "look now": the claim and the re-arm
 * are guarded SQL over the current balance, so a late or duplicate event cannot charge twice.
 * A short per-replica cache of the settings keeps users without auto-recharge at zero queries.
 */
export class AutoRechargeTrigger {
  private readonly known = new Map<string, Known | null>();
  private readonly loadedAt = new Map<string, number>();
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly sql: SqlPool,
    private readonly store: AutoRechargeStore,
    private readonly charger: AutoRechargeCharger,
    private readonly testMode: () => boolean,
    private readonly log: Logger,
    private readonly changes?: Pick<UserChanges, 'up' | 'onChange'>,
  ) {
    changes?.onChange((userId) => {
      if (userId) this.forget(userId);
      else this.clearAll();
    });
  }

  private clearAll(): void {
    this.known.clear();
    this.loadedAt.clear();
  }

  /** The ledger's listener: never throws, never delays the caller (it runs after the commit). */
  onBalance = (balance: Balance): void => {
    const work = this.check(balance.userId, balance.available).catch((err) => this.log.error({ err, userId: balance.userId }, 'auto-recharge check failed'));
    this.running.add(work);
    void work.finally(() => this.running.delete(work));
  };

  /** Resolves when every check started so far (and the checks those started) has finished: for tests and shutdown. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  /** Settings changed on this replica: read them again at the next event. */
  forget(userId: string): void {
    this.known.delete(userId);
    this.loadedAt.delete(userId);
  }

  private async check(userId: string, available: bigint): Promise<void> {
    const s = await this.settings(userId);
    if (!s?.enabled) return;
    if (available < s.below && s.armed) {
      const claim = await this.sql.transaction((tx) => this.store.claim(tx, userId, this.testMode()));
      if (!claim) {
        await this.store.noteRefusal(userId);
        return this.forget(userId);
      }
      s.armed = false;
      this.log.info({ userId, paymentId: claim.paymentId, crossing: claim.crossing }, 'auto-recharge claimed a crossing');
      await this.charger.charge(claim);
      this.forget(userId); // a failed charge turned it off
    } else if (available < s.below && !s.armed) {
      // Below the threshold and disarmed: this crossing's charge is in flight, or lost with its process.
      const stalled = await this.store.takeStalled(userId, STALLED_CHARGE_SECONDS);
      if (stalled) {
        this.log.warn({ userId, paymentId: stalled.paymentId, crossing: stalled.crossing }, 'auto-recharge resumes a charge its process never finished');
        await this.charger.charge(stalled);
        this.forget(userId);
      }
    } else if (available >= s.below && !s.armed) {
      const rearmed = await this.sql.transaction((tx) => this.store.rearm(tx, userId));
      if (rearmed) s.armed = true;
      else this.forget(userId);
    }
  }

  private async settings(userId: string): Promise<Known | null> {
    const at = this.loadedAt.get(userId);
    const ttl = this.changes?.up ? NOTIFIED_TTL_MS : SETTINGS_TTL_MS;
    if (at !== undefined && Date.now() - at < ttl) return this.known.get(userId) ?? null;
    const row = await this.store.get(userId);
    if (this.known.size >= MAX_CACHED) this.clearAll();
    const known = row ? { enabled: row.enabled, below: row.belowCredits, armed: row.armed } : null;
    this.known.set(userId, known);
    this.loadedAt.set(userId, Date.now());
    return known;
  }
}
