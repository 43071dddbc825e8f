import type { Logger } from '../../platform/logger.js';
import type { OpenRouterClient } from './openrouter.client.js';
import type { BalanceReader } from './openrouter.keys.js';
import { centsToUsdNumber, limitCents, usdToNano } from './openrouter.money.js';
import type { OpenRouterKeyStore } from './openrouter.store.js';

export interface LimitSyncOptions {
  /** Balance events of one user within this window make one sync. */
  debounceMs: number;
  /**
   * A limit is lowered only when it drops by more than this (cents). After each call the formula
   * drifts down by the markup (the user pays Tollgate more than Tollgate pays OpenRouter); chasing
   * that with a PATCH per call buys nothing. A raise is always sent, so the key never refuses
   * credit the user has; suspension always sends 0.
   */
  slackCents: bigint;
}

const NANO_PER_CENT = 10_000_000n;

/**
 * Keeps each managed key's spending limit in step with the user's credit (openrouter.money.ts
 * `limitCents`), and disabled while the user is suspended. Triggered by the ledger's balance events
 * (debounced per user) and by suspension changes (at once); each sync reads the truth (OpenRouter's
 * usage, the ledger's balance, the suspension) rather than trusting the event, so events arriving
 * out of order cannot leave a stale limit. Syncs of one user run one after another.
 */
export class LimitSync {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly chains = new Map<string, Promise<void>>();

  constructor(
    private readonly d: { store: OpenRouterKeyStore; client: OpenRouterClient; ledger: BalanceReader; creditUsdMicro: bigint; log: Logger },
    private readonly options: LimitSyncOptions,
  ) {}

  /** The ledger's after-commit balance event. */
  onBalance = (balance: { userId: string }): void => this.schedule(balance.userId, this.options.debounceMs);

  /** A suspension or reactivation: no waiting. */
  userChanged = (userId: string): void => this.schedule(userId, 0);

  /** Runs every waiting sync now and waits for all of them (tests, shutdown). */
  async idle(): Promise<void> {
    for (const [userId, timer] of [...this.timers]) {
      clearTimeout(timer);
      this.timers.delete(userId);
      this.run(userId);
    }
    await Promise.all([...this.chains.values()]);
  }

  private schedule(userId: string, delayMs: number): void {
    const waiting = this.timers.get(userId);
    if (waiting && delayMs > 0) return;
    clearTimeout(waiting);
    const timer = setTimeout(() => {
      this.timers.delete(userId);
      this.run(userId);
    }, delayMs);
    timer.unref();
    this.timers.set(userId, timer);
  }

  private run(userId: string): void {
    const next = (this.chains.get(userId) ?? Promise.resolve())
      .then(() => this.sync(userId))
      .catch((err: Error) => {
        try {
          this.d.log.warn({ userId, err: err.message }, 'OpenRouter key limit not synced; the next balance change retries');
        } catch {
          /* the process is shutting down and its log is closed: the next start syncs on the next change */
        }
      });
    this.chains.set(userId, next);
    void next.finally(() => {
      if (this.chains.get(userId) === next) this.chains.delete(userId);
    });
  }

  /** Reads the key at OpenRouter, sets its limit and state when they differ from the formula, records its usage. */
  async sync(userId: string): Promise<void> {
    const row = await this.d.store.find(userId);
    if (!row) return; // no key yet: it is created with the right limit
    const remote = await this.d.client.getKey(row.keyHash);
    const usageNano = usdToNano(remote.usage)?.nano ?? row.usageNano;
    const suspended = await this.d.store.suspended(userId);
    // Metered cost, not OpenRouter's usage: spend we never metered eats the headroom instead of being renewed.
    const recorded = await this.d.store.recordedCost(userId, row.createdAt);
    const target = suspended ? 0n : limitCents(recorded, (await this.d.ledger.balance(userId)).balance, this.d.creditUsdMicro);
    const current = remote.limit === null ? null : (usdToNano(remote.limit)?.nano ?? 0n) / NANO_PER_CENT;
    const stale = remote.disabled !== suspended || current === null || target > current || current - target > (suspended ? 0n : this.options.slackCents);
    if (stale) await this.d.client.updateKey(row.keyHash, { limit: centsToUsdNumber(target), disabled: suspended });
    await this.d.store.recordRemote(userId, { limitCents: stale ? target : current!, disabled: suspended, usageNano });
  }
}
