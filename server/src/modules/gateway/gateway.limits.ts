import { AsyncLocalStorage } from 'node:async_hooks';
import type { OverageTerms } from '@tollgate/shared';
import type { Backplane } from '../../platform/backplane/index.js';
import { RateLimitedError, TierLimitExceededError } from '../../platform/errors.js';
import type { Tier } from '../catalog/catalog.domain.js';
import { startOfUtcMonth } from '../metering/usage.range.js';
import type { UsageStore } from '../metering/usage.store.js';

/** The month's completion usage as the limit check read it, before the call it admitted. */
export interface MonthUsage {
  requests: number;
  tokens: bigint;
  /** When it was read: the month it counts is this instant's UTC month. */
  at: Date;
}

/**
 * Where a completion keeps the month's usage its limit check read, so the 80% warning after the
 * call adds this call to it instead of reading the month again (docs/decisions/0035). The
 * planner sits between the gateway and the check and need not carry it: the gateway runs the
 * planning inside `monthUsageOf.run(slot, …)` and `admit` fills the slot of the request it serves.
 */
export const monthUsageOf = new AsyncLocalStorage<{ used?: MonthUsage }>();

/**
 * The tier's limits on completions: requests per minute (per user, and per API key), held across
 * replicas by the backplane's rate limiter; and the monthly request cap and token allowance,
 * read from the daily usage rollup (a handful of rows, kept exact with every usage event, so the
 * check costs the same on the 30th as on the 1st). The monthly checks read before they write, so a
 * burst of concurrent calls can pass the cap by at most the calls in flight; the per-minute limit
 * bounds that. Past the token allowance a `block` tier refuses the request; a `credits` tier lets it
 * through and hands back the overage terms (the allowance left, the surcharge) that price the call's
 * tokens beyond it (docs/decisions/0020-overage.md). The request cap refuses on every tier. The 80% warning is metering's (UsageAlerts.afterUsage), sent after the call.
 * With Redis away the per-minute limits are counted per replica (docs/decisions/0011-backplane-outage.md).
 */
export class CompletionLimits {
  constructor(
    private readonly backplane: Backplane,
    private readonly usage: UsageStore,
  ) {}

  /** Refuses what the tier does not allow; on a `credits` tier, returns the terms that price its overage. */
  async admit(tier: Tier, userId: string, apiKeyId: string | null, requestTokens: number, now: Date): Promise<OverageTerms | null> {
    const rule = { name: 'completions-user', points: tier.requestsPerMinute, durationSeconds: 60 };
    const perUser = await this.backplane.consume(rule, userId);
    if (!perUser.allowed) throw new RateLimitedError(perUser.retryAfterSeconds, `Your ${tier.name} tier allows ${tier.requestsPerMinute} requests a minute`);
    if (apiKeyId) {
      const perKey = await this.backplane.consume({ ...rule, name: 'completions-key' }, apiKeyId);
      if (!perKey.allowed) throw new RateLimitedError(perKey.retryAfterSeconds, `This API key may make ${tier.requestsPerMinute} requests a minute`);
    }
    const used = await this.usage.usageSince(userId, startOfUtcMonth(now));
    const slot = monthUsageOf.getStore();
    if (slot) slot.used = { ...used, at: now };
    if (used.requests >= tier.monthlyRequestCap) {
      throw new TierLimitExceededError(`Your ${tier.name} tier's ${tier.monthlyRequestCap} requests for this month are used`, { monthlyRequestCap: tier.monthlyRequestCap });
    }
    if (tier.overage === 'credits') {
      // Every call of a credits tier carries the terms, so a fallback that counts more tokens is priced right too.
      const left = tier.monthlyTokenAllowance - used.tokens;
      return { remainingTokens: left > 0n ? left : 0n, surchargeBps: BigInt(tier.overageSurchargeBps) };
    }
    if (used.tokens + BigInt(requestTokens) > tier.monthlyTokenAllowance) {
      throw new TierLimitExceededError(`This request would pass your ${tier.name} tier's monthly allowance of ${tier.monthlyTokenAllowance} tokens`, {
        monthlyTokenAllowance: Number(tier.monthlyTokenAllowance),
      });
    }
    return null;
  }
}
