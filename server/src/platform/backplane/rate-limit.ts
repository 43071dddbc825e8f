import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RateLimitResult, RateLimitRule } from './backplane.js';

/** rate-limiter-flexible does the counting for both backplanes; this keeps one limiter per rule. */
export class RateLimiters {
  private readonly limiters = new Map<string, RateLimiterAbstract>();

  constructor(private readonly make: (rule: RateLimitRule) => RateLimiterAbstract) {}

  /** The one limiter for `rule` (made on first use). */
  get(rule: RateLimitRule): RateLimiterAbstract {
    const key = `${rule.name}:${rule.points}:${rule.durationSeconds}`;
    let limiter = this.limiters.get(key);
    if (!limiter) {
      limiter = this.make(rule);
      this.limiters.set(key, limiter);
    }
    return limiter;
  }

  async consume(rule: RateLimitRule, key: string, cost = 1): Promise<RateLimitResult> {
    const limiter = this.get(rule);
    try {
      const res = await limiter.consume(key, cost);
      return { allowed: true, remaining: res.remainingPoints, retryAfterSeconds: 0 };
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      // A refused consume still counted its points; hand them back so a refused request is free.
      await limiter.reward(key, cost).catch(() => undefined);
      return { allowed: false, remaining: 0, retryAfterSeconds: Math.max(1, Math.ceil(err.msBeforeNext / 1000)) };
    }
  }

  /** Hands back `points` taken for `key` under `rule` (an all-or-nothing take that was refused further on). */
  async reward(rule: RateLimitRule, key: string, points: number): Promise<void> {
    await this.get(rule).reward(key, points);
  }

  async reset(rule: RateLimitRule, key: string): Promise<void> {
    await this.get(rule).delete(key);
  }
}
