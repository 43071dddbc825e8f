import { LRUCache } from 'lru-cache';
import type { Logger } from '../../platform/logger.js';
import type { Sql } from '../../platform/sql.js';
import type { Tier } from '../catalog/index.js';
import { startOfUtcMonth, utcDay, utcMonth } from './usage.range.js';
import type { UsageStore } from './usage.store.js';

/** The share of a monthly allowance at which a user is warned, once per month and kind. */
export const WARN_AT_PERCENT = 80n;

export type AllowanceKind = 'tokens' | 'requests';

export interface UsageWarningEvent {
  userId: string;
  kind: AllowanceKind;
  /** `YYYY-MM` (UTC). */
  month: string;
  used: bigint;
  limit: bigint;
  /** ⌊used × 100 / limit⌋. */
  percent: number;
}

export type AllowanceLimits = Pick<Tier, 'monthlyTokenAllowance' | 'monthlyRequestCap'>;

/**
 * The 80% allowance warning. After a completion is metered, the month's completion usage (from
 * the rollup) is compared with the tier's allowances; the first time a kind is at or past 80% in
 * a month, a row is claimed in usage_warning (its primary key is user, month, kind) and only the
 * replica whose insert won publishes. The claim lives in PostgreSQL, which every replica shares,
 * so the warning fires once across replicas and survives a Redis restart.
 */
export class UsageAlerts {
  /** Claims this process knows are taken: past 80%, later completions skip the insert. */
  private readonly claimed = new LRUCache<string, true>({ max: 50_000 });

  constructor(
    private readonly sql: Sql,
    private readonly usage: UsageStore,
    private readonly publish: (warning: UsageWarningEvent) => void,
    private readonly log: Logger,
  ) {}

  /**
   * Call after a completion's usage event is committed. Resolves with the warnings it published
   * (usually none). Never throws: a warning that cannot be checked must not fail a paid completion.
   *
   * `used` is the month's usage with this call in it when the caller already knows it (the gateway:
   * what its limit check read, plus this call), so the hot path reads the month once; without it
   * the month is read here. Concurrent calls of one user may each count the month without the
   * others': the warning then fires on the next call instead, still once.
   */
  async afterUsage(userId: string, tier: AllowanceLimits, now: Date = new Date(), known?: { requests: number; tokens: bigint }): Promise<UsageWarningEvent[]> {
    try {
      const month = startOfUtcMonth(now);
      const used = known ?? (await this.usage.usageSince(userId, month));
      const checks: Array<[AllowanceKind, bigint, bigint]> = [
        ['tokens', used.tokens, BigInt(tier.monthlyTokenAllowance)],
        ['requests', BigInt(used.requests), BigInt(tier.monthlyRequestCap)],
      ];
      const fired: UsageWarningEvent[] = [];
      for (const [kind, amount, limit] of checks) {
        if (limit <= 0n || amount * 100n < limit * WARN_AT_PERCENT) continue;
        const warning: UsageWarningEvent = { userId, kind, month: utcMonth(month), used: amount, limit, percent: Number((amount * 100n) / limit) };
        if (await this.claim(warning, month)) {
          this.publish(warning);
          fired.push(warning);
        }
      }
      return fired;
    } catch (err) {
      this.log.warn({ err, userId }, 'usage warning check failed');
      return [];
    }
  }

  private async claim(w: UsageWarningEvent, month: Date): Promise<boolean> {
    const key = `${w.userId}:${w.month}:${w.kind}`;
    if (this.claimed.has(key)) return false;
    const won = await this.sql.query(
      `insert into usage_warning (user_id, month, kind, used, "limit") values ($1, $2::date, $3, $4, $5)
       on conflict (user_id, month, kind) do nothing returning 1`,
      [w.userId, utcDay(month), w.kind, w.used, w.limit],
    );
    this.claimed.set(key, true);
    return won.length === 1;
  }
}
