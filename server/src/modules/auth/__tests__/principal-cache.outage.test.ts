import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisBackplane } from '../../../platform/backplane/redis.js';
import type { Backplane } from '../../../platform/backplane/index.js';
import { startThrowawayRedis, waitFor, type ThrowawayRedis } from '../../../test-support/server-process.js';
import { PrincipalCache, type CachedPrincipal } from '../principal-cache.js';

/**
 * The principal cache while Redis is down, on a redis-server of its own that the test stops and
 * starts: with no shared versions it cannot learn of a revocation, so it turns itself off (every
 * request loads, as before the cache) and comes back empty. `load` stands for the authenticator's
 * PostgreSQL read; what is counted is how often the cache asks for it.
 */
let redis: ThrowawayRedis;
let backplane: Backplane;
let cache: PrincipalCache;
const log = pino({ level: 'silent' });
const userId = randomUUID();
const principal: CachedPrincipal = { userId, email: 'outage@example.com', role: 'user', suspended: false, keyId: null, scopes: [] };
let loads = 0;
const load = async () => {
  loads += 1;
  return principal;
};
const resolve = () => cache.resolve(`u:${userId}`, userId, load);

beforeAll(async () => {
  redis = await startThrowawayRedis();
  backplane = await createRedisBackplane(redis.url, { keyPrefix: `t-pc-outage-${randomUUID().slice(0, 8)}:`, log, commandTimeoutMs: 500 });
  cache = new PrincipalCache(backplane, log, { ttlSeconds: 60 });
});
afterAll(async () => {
  cache?.stop();
  await backplane?.close();
  await redis?.stop();
});

describe('principal cache and a Redis outage', () => {
  it('serves from memory while Redis is up, and reloads after an invalidation', async () => {
    await resolve();
    await resolve();
    await resolve();
    expect(loads).toBe(1);
    await cache.invalidate(userId);
    await resolve();
    expect(loads).toBe(2);
  });

  it('turns itself off while Redis is down: every request loads, an invalidation does not throw', async () => {
    await redis.stop();
    await cache.probe();
    expect(cache.enabled).toBe(false);
    const before = loads;
    await resolve();
    await resolve();
    expect(loads).toBe(before + 2);
    await expect(cache.invalidate(userId)).resolves.toBeUndefined();
  });

  it('comes back once Redis answers, starting empty', async () => {
    await redis.start();
    await waitFor(
      async () => {
        await cache.probe();
        return cache.enabled;
      },
      'the cache back on',
      15_000,
      200,
    );
    const before = loads;
    await resolve();
    await resolve();
    expect(loads).toBe(before + 1);
  });
});
