import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import type { Backplane, BackplaneEventTarget } from './backplane.js';
import { RateLimiters } from './rate-limit.js';

export async function createRedisBackplane(url: string, options: { keyPrefix?: string } = {}): Promise<Backplane> {
  const prefix = options.keyPrefix ?? 'tollgate:';
  const connect = () => new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2, enableAutoPipelining: true });
  const client = connect();
  // A connection in subscriber mode can do nothing else, so pub/sub gets its own pair.
  const subscriber = connect();
  await Promise.all([client.connect(), subscriber.connect()]);
  const limiters = new RateLimiters(
    (rule) =>
      new RateLimiterRedis({
        storeClient: client,
        keyPrefix: `${prefix}rl:${rule.name}`,
        points: rule.points,
        duration: rule.durationSeconds,
      }),
  );
  const cacheKey = (key: string) => `${prefix}cache:${key}`;
  return {
    kind: 'redis',
    cacheGet: (key) => client.get(cacheKey(key)),
    cacheSet: async (key, value, ttlSeconds) => {
      await client.set(cacheKey(key), value, 'EX', Math.max(1, Math.ceil(ttlSeconds)));
    },
    cacheDelete: async (key) => {
      await client.del(cacheKey(key));
    },
    consume: (rule, key, cost) => limiters.consume(rule, key, cost),
    reset: (rule, key) => limiters.reset(rule, key),
    eventTarget: prefixedEventTarget(
      createRedisEventTarget({ publishClient: client, subscribeClient: subscriber }) as BackplaneEventTarget,
      `${prefix}events:`,
    ),
    ping: async () => {
      await client.ping();
    },
    close: async () => {
      await Promise.allSettled([client.quit(), subscriber.quit()]);
    },
  };
}

/** Channels carry the key prefix too, so two deployments sharing one Redis never hear each other. */
function prefixedEventTarget(inner: BackplaneEventTarget, prefix: string): BackplaneEventTarget {
  return {
    addEventListener: (type, listener, options) => inner.addEventListener(prefix + type, listener, options),
    removeEventListener: (type, listener, options) => inner.removeEventListener(prefix + type, listener, options),
    dispatchEvent: (event) => inner.dispatchEvent(new CustomEvent(prefix + event.type, { detail: event.detail })),
  };
}
