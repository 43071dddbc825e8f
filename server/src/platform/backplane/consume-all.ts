import type { ConsumeAllResult, RateLimitRule } from './backplane.js';
import type { RateLimiters } from './rate-limit.js';

export type Take = Array<{ rule: RateLimitRule; key: string }>;

/**
 * consumeAll in ONE Redis round trip. Each rule is a fixed window laid out exactly as
 * rate-limiter-flexible's RateLimiterRedis keeps it (`<prefix>rl:<rule>:<key>`, an integer with a
 * TTL set when the window opens), so `consume` and `consumeAll` spend the same counters.
 *
 * KEYS: the n counters, then optionally the cache key to read. ARGV: cost, n, then each rule's
 * points and window seconds. Every entry is counted in order; the first that goes over its points
 * undoes every increment made so far (a counter this call opened is deleted, so a refusal never
 * starts a window) and the answer is {its 0-based index, its PTTL, value}; all fit: {-1, 0, value}.
 * Counting then undoing (rather than checking first) stays right when one counter appears twice.
 */
export const CONSUME_ALL_LUA = `
local cost = tonumber(ARGV[1])
local n = tonumber(ARGV[2])
local value = false
if #KEYS > n then value = redis.call('get', KEYS[n + 1]) end
local opened = {}
for i = 1, n do
  local seconds = ARGV[2 + 2 * i]
  opened[i] = redis.call('set', KEYS[i], 0, 'EX', seconds, 'NX')
  local used = redis.call('incrby', KEYS[i], cost)
  local ttl = redis.call('pttl', KEYS[i])
  if ttl == -1 then
    redis.call('expire', KEYS[i], seconds)
    ttl = 1000 * tonumber(seconds)
  end
  if used > tonumber(ARGV[1 + 2 * i]) then
    for j = i, 1, -1 do
      if opened[j] then redis.call('del', KEYS[j]) else redis.call('decrby', KEYS[j], cost) end
    end
    return {i - 1, ttl, value}
  end
end
return {-1, 0, value}
`;

/** A cost is a whole number of points, at least 1: a negative one would hand points back. */
export function checkCost(cost: number): void {
  if (!Number.isSafeInteger(cost) || cost < 1) throw new RangeError(`consumeAll: cost must be a whole number of points, at least 1 (got ${cost})`);
}

/** The script's KEYS and ARGV for one call (the counters' names match RateLimiterRedis's). */
export function consumeAllArgs(prefix: string, take: Take, read: string | undefined, cost: number): Array<string | number> {
  const keys = take.map(({ rule, key }) => `${prefix}rl:${rule.name}:${key}`);
  if (read !== undefined) keys.push(`${prefix}cache:${read}`);
  const argv: Array<string | number> = [cost, take.length];
  for (const { rule } of take) argv.push(rule.points, rule.durationSeconds);
  return [keys.length, ...keys, ...argv];
}

/** The script's reply as the interface's result. */
export function consumeAllResult(reply: [number, number, string | null]): ConsumeAllResult {
  const [refusedBy, ttlMs, value] = reply;
  if (refusedBy < 0) return { allowed: true, refusedBy: -1, retryAfterSeconds: 0, value };
  return { allowed: false, refusedBy, retryAfterSeconds: Math.max(1, Math.ceil(ttlMs / 1000)), value };
}

/**
 * consumeAll over in-process limiters (the memory backplane, and the Redis backplane's per-process
 * fallback). Calls run one after another, so no two interleave between taking and handing back:
 * a refused call never makes a concurrent one see points it was about to return.
 */
export class InProcessConsumeAll {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly limiters: RateLimiters) {}

  run(take: Take, cost = 1): Promise<Omit<ConsumeAllResult, 'value'>> {
    checkCost(cost);
    const result = this.tail.then(() => this.once(take, cost));
    this.tail = result.catch(() => undefined);
    return result;
  }

  private async once(take: Take, cost: number): Promise<Omit<ConsumeAllResult, 'value'>> {
    for (let i = 0; i < take.length; i++) {
      const { rule, key } = take[i]!;
      // A refused consume hands its own points back (RateLimiters.consume); the ones before it are returned here.
      const res = await this.limiters.consume(rule, key, cost);
      if (!res.allowed) {
        for (let j = i - 1; j >= 0; j--) await this.limiters.reward(take[j]!.rule, take[j]!.key, cost);
        return { allowed: false, refusedBy: i, retryAfterSeconds: res.retryAfterSeconds };
      }
    }
    return { allowed: true, refusedBy: -1, retryAfterSeconds: 0 };
  }
}
