import { LRUCache } from 'lru-cache';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { Backplane, BackplaneEventTarget } from './backplane.js';
import { InProcessConsumeAll } from './consume-all.js';
import { RateLimiters } from './rate-limit.js';

/**
 * Dispatches a JSON copy of each event's detail, so in-process subscribers see exactly what they
 * would through Redis (no bigint, no Date, no shared object references).
 */
class JsonEventTarget extends EventTarget {
  override dispatchEvent(event: Event): boolean {
    const detail = (event as CustomEvent).detail;
    const copy = detail === undefined ? undefined : JSON.parse(JSON.stringify(detail));
    return super.dispatchEvent(new CustomEvent(event.type, { detail: copy }));
  }
}

export function createMemoryBackplane(options: { maxCacheEntries?: number; maxCacheChars?: number } = {}): Backplane {
  // Bounded by size as well as count: a cached answer can be a long completion (10,000 of them could be gigabytes).
  const cache = new LRUCache<string, string>({
    max: options.maxCacheEntries ?? 10_000,
    maxSize: options.maxCacheChars ?? 32 * 2 ** 20,
    sizeCalculation: (value, key) => value.length + key.length,
  });
  const limiters = new RateLimiters((rule) => new RateLimiterMemory({ keyPrefix: rule.name, points: rule.points, duration: rule.durationSeconds }));
  const consumeAll = new InProcessConsumeAll(limiters);
  return {
    kind: 'memory',
    cacheGet: async (key) => cache.get(key) ?? null,
    cacheSet: async (key, value, ttlSeconds) => {
      cache.set(key, value, { ttl: ttlSeconds * 1000 });
    },
    cacheDelete: async (key) => {
      cache.delete(key);
    },
    consume: (rule, key, cost) => limiters.consume(rule, key, cost),
    consumeAll: async (take, read, cost) => ({ ...(await consumeAll.run(take, cost)), value: read === undefined ? null : (cache.get(read) ?? null) }),
    reset: (rule, key) => limiters.reset(rule, key),
    eventTarget: new JsonEventTarget() as unknown as BackplaneEventTarget,
    ping: async () => undefined,
    close: async () => {
      cache.clear();
    },
  };
}
