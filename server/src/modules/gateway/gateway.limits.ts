import type { OverageTerms } from '@tollgate/shared';
import type { Backplane } from '../../platform/backplane/index.js';
import { RateLimitedError, TierLimitExceededError } from '../../platform/errors.js';
import type { Tier } from '../catalog/index.js';
import type { Guard } from '../ledger/index.js';
import type { CompletionUsageService } from '../metering/index.js';
import { startOfUtcMonth, utcDay } from '../metering/index.js';

/** The month's completion usage as the limit check read it, before the call it admitted. */
export interface MonthUsage {
  requests: number;
  tokens: bigint;
  /** When it was read: the month it counts is this instant's UTC month. */
  at: Date;
}

/**
 * The tier's limits on completions (docs/decisions/0043-hot-path-in-two-statements.md):
 * - requests per minute, per user and per API key, held across replicas by the backplane: both in
 *   ONE script (`consumeAll`), which also reads one cache key for the caller (the principal's
 *   version), so a completion costs one Redis round trip before its answer. The keys carry the
 *   user's id as a hash tag, so in a Redis Cluster the script stays on one slot.
 * - the monthly request cap and token allowance, from the daily usage rollup: for a call that holds
 *   credit, read in the hold's own statement (`guard`: the hold is written only when the month
 *   admits the call); for one that holds nothing (a cache hit, BYOK), read on its own (`month`).
 *   Reads before writes, so a burst can pass the cap by at most the calls in flight.
 * Past the token allowance a `block` tier refuses; a `credits` tier lets the call through at the
 * overage terms (docs/decisions/0020-overage.md). The request cap refuses on every tier. With Redis
 * away the per-minute limits count per replica (docs/decisions/0011-backplane-outage.md).
 */
export class CompletionLimits {
  constructor(
    private readonly backplane: Backplane,
    private readonly metering: Pick<CompletionUsageService, 'completionUsageSince' | 'monthUsageSelect'>,
  ) {}

  /** Takes a point from both per-minute limits, or refuses with neither taken; returns the value of `read`. */
  async perMinute(tier: Tier, userId: string, apiKeyId: string | null, read?: string): Promise<string | null> {
    const rule = { name: 'completions-user', points: tier.requestsPerMinute, durationSeconds: 60 };
    const take = [{ rule, key: `{${userId}}` }];
    if (apiKeyId) take.push({ rule: { ...rule, name: 'completions-key' }, key: `{${userId}}:${apiKeyId}` });
    const result = await this.backplane.consumeAll(take, read);
    if (result.allowed) return result.value;
    if (result.refusedBy === 0)
      throw new RateLimitedError(result.retryAfterSeconds, `Your ${tier.name} tier allows ${tier.requestsPerMinute} requests a minute`);
    throw new RateLimitedError(result.retryAfterSeconds, `This API key may make ${tier.requestsPerMinute} requests a minute`);
  }

  /**
   * The month's check, for the hold's statement: `g_ok` when the month admits a call of
   * `requestTokens`, and what to hold (`within`, or on a `credits` tier whose allowance the call may
   * pass, `over`: the worst case priced as overage). `g_requests`/`g_tokens` come back with the hold.
   */
  guard(tier: Tier, userId: string, requestTokens: number, amounts: { within: bigint; over: bigint }, now: Date): Guard {
    return {
      select: (first) => {
        const p = (n: number) => `$${first + n}`;
        return `select m.requests as g_requests, m.tokens as g_tokens,
            (m.requests < ${p(2)}::bigint and (not ${p(3)}::boolean or m.tokens + ${p(4)}::bigint <= ${p(5)}::bigint)) as g_ok,
            case when ${p(6)}::boolean and m.tokens + ${p(4)}::bigint > ${p(5)}::bigint then ${p(7)}::bigint else ${p(8)}::bigint end as g_amount
          from (${this.metering.monthUsageSelect(first)}) m`;
      },
      params: [
        userId,
        utcDay(startOfUtcMonth(now)),
        tier.monthlyRequestCap,
        tier.overage !== 'credits',
        requestTokens,
        tier.monthlyTokenAllowance,
        tier.overage === 'credits',
        amounts.over,
        amounts.within,
      ],
    };
  }

  /** The month's usage for a call that holds nothing, checked against the tier: refuses what it does not allow. */
  async month(tier: Tier, userId: string, requestTokens: number, now: Date): Promise<MonthUsage> {
    const used = { ...(await this.metering.completionUsageSince(userId, startOfUtcMonth(now))), at: now };
    checkMonth(tier, used, requestTokens);
    return used;
  }
}

/** The guard's row as the month's usage. */
export function usageOfGuard(row: Record<string, unknown>, at: Date): MonthUsage {
  return { requests: Number(row.g_requests), tokens: BigInt(row.g_tokens as string), at };
}

/** Refuses a call the month does not allow: the request cap on every tier, the token allowance on a `block` tier. */
export function checkMonth(tier: Tier, used: MonthUsage, requestTokens: number): void {
  if (used.requests >= tier.monthlyRequestCap) {
    throw new TierLimitExceededError(`Your ${tier.name} tier's ${tier.monthlyRequestCap} requests for this month are used`, {
      monthlyRequestCap: tier.monthlyRequestCap,
    });
  }
  if (tier.overage !== 'credits' && used.tokens + BigInt(requestTokens) > tier.monthlyTokenAllowance) {
    throw new TierLimitExceededError(`This request would pass your ${tier.name} tier's monthly allowance of ${tier.monthlyTokenAllowance} tokens`, {
      monthlyTokenAllowance: Number(tier.monthlyTokenAllowance),
    });
  }
}

/**
 * On a `credits` tier, the terms that price a call's tokens past the allowance: the allowance left
 * after `used`; with `used` unknown (before the hold has read it), none left, the most a call can cost.
 */
export function overageTerms(tier: Tier, used: MonthUsage | null): OverageTerms | null {
  if (tier.overage !== 'credits') return null;
  const left = used ? tier.monthlyTokenAllowance - used.tokens : 0n;
  return { remainingTokens: left > 0n ? left : 0n, surchargeBps: BigInt(tier.overageSurchargeBps) };
}

/** The month's usage with this call in it (one more answered request, its tokens), for the 80% warning. */
export function withCall(used: MonthUsage | undefined, usage: { inputTokens: number; outputTokens: number }): MonthUsage | undefined {
  return used && { requests: used.requests + 1, tokens: used.tokens + BigInt(usage.inputTokens + usage.outputTokens), at: used.at };
}
