import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backplane } from '../../../platform/backplane/index.js';
import { createRedisBackplane } from '../../../platform/backplane/redis.js';
import { RateLimitedError } from '../../../platform/errors.js';
import { startThrowawayRedis, waitFor, type ThrowawayRedis } from '../../../test-support/server-process.js';
import { IdempotencyClaims } from '../gateway.idempotency.js';

/**
 * Idempotency claims while Redis comes and goes (docs/decisions/0011-backplane-outage.md), on a
 * redis-server of the test's own: never a second call for one key, never an answered call failed.
 */
let redis: ThrowawayRedis;
let backplane: Backplane;
let claims: IdempotencyClaims;
const nothingStored = async () => null;

beforeAll(async () => {
  redis = await startThrowawayRedis();
  backplane = await createRedisBackplane(redis.url, { keyPrefix: `idem-${randomUUID().slice(0, 8)}:` });
  claims = new IdempotencyClaims(backplane, 2_000);
});

afterAll(async () => {
  await backplane?.close();
  await redis?.stop();
});

describe('idempotency claims when Redis goes away', () => {
  it('answers a call whose claim cannot be freed because Redis died while it ran', async () => {
    const answer = await claims.run('user', randomUUID(), nothingStored, async () => {
      await redis.stop();
      return 'the answer';
    });
    expect(answer).toBe('the answer');
  });

  it('still replays a key whose answer is stored, without a claim', async () => {
    let called = 0;
    const answer = await claims.run(
      'user',
      randomUUID(),
      async () => 'stored',
      async () => `call ${++called}`,
    );
    expect(answer).toBe('stored');
    expect(called).toBe(0);
  });

  it('refuses any other keyed call with RATE_LIMITED and a retry hint, before calling anything', async () => {
    let called = 0;
    const err = await claims.run('user', randomUUID(), nothingStored, async () => `call ${++called}`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).extensions.retryAfterSeconds).toBeGreaterThan(0);
    expect(called).toBe(0);
  });

  it('claims across callers again once Redis is back: a concurrent second call waits and gets the first answer', async () => {
    await redis.start();
    await waitFor(
      () =>
        backplane.ping().then(
          () => true,
          () => false,
        ),
      'the backplane to answer again',
      15_000,
    );
    const key = randomUUID();
    let stored: string | null = null;
    let calls = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = claims.run(
      'user',
      key,
      async () => stored,
      async () => {
        calls += 1;
        await gate;
        return (stored = 'first answer');
      },
    );
    await waitFor(() => calls === 1, 'the first call to hold the claim');
    const second = claims.run(
      'user',
      key,
      async () => stored,
      async () => `second call ${++calls}`,
    );
    release();
    expect(await Promise.all([first, second])).toEqual(['first answer', 'first answer']);
    expect(calls).toBe(1);
  });
});
