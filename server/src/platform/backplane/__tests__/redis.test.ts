import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { createLogger } from '../../logger.js';
import type { Backplane } from '../backplane.js';
import { createRedisBackplane } from '../redis.js';
import { backplaneContract, rule, subscribe, unique } from './backplane.contract.js';
import { createPubSub } from '@graphql-yoga/subscription';

const redisUrl = inject('redisUrl');
if (!redisUrl) {
  const bar = '!'.repeat(78);
  console.warn(`\n${bar}\nNo Redis for this run: the Redis backplane tests in ${import.meta.url} are SKIPPED.\n${bar}\n`);
}

describe.skipIf(!redisUrl)('Redis', () => {
  backplaneContract('Redis', () => createRedisBackplane(redisUrl!, { keyPrefix: `${unique('test')}:` }));

  describe('two backplanes on one Redis, like two server replicas', () => {
    let one: Backplane;
    let two: Backplane;
    beforeAll(async () => {
      const keyPrefix = `${unique('test')}:`;
      [one, two] = await Promise.all([createRedisBackplane(redisUrl!, { keyPrefix }), createRedisBackplane(redisUrl!, { keyPrefix })]);
    });
    afterAll(async () => {
      await Promise.all([one?.close(), two?.close()]);
    });

    it('share rate-limit counters: points taken on one are gone on the other', async () => {
      const r = rule(4);
      const key = unique('client');
      expect(await one.consume(r, key, 3)).toMatchObject({ allowed: true, remaining: 1 });
      expect(await two.consume(r, key)).toMatchObject({ allowed: true, remaining: 0 });
      expect((await one.consume(r, key)).allowed).toBe(false);
      expect((await two.consume(r, key)).allowed).toBe(false);
      await one.reset(r, key);
      expect(await two.consume(r, key)).toMatchObject({ allowed: true, remaining: 3 });
    });

    it('hold a shared limit under concurrent consumes split across both', async () => {
      const r = rule(30);
      const key = unique('client');
      const results = await Promise.all(Array.from({ length: 100 }, (_, i) => (i % 2 ? one : two).consume(r, key)));
      expect(results.filter((res) => res.allowed)).toHaveLength(30);
    });

    it('share the cache: set on one, read and deleted on the other', async () => {
      const key = unique('k');
      await one.cacheSet(key, 'shared', 60);
      expect(await two.cacheGet(key)).toBe('shared');
      await two.cacheDelete(key);
      expect(await one.cacheGet(key)).toBeNull();
    });

    it('deliver a message published on one to a subscriber on the other', async () => {
      const busOne = createPubSub<Record<string, [Record<string, unknown>]>>({ eventTarget: one.eventTarget as never });
      const busTwo = createPubSub<Record<string, [Record<string, unknown>]>>({ eventTarget: two.eventTarget as never });
      const topic = unique('topic');
      const sub = await subscribe(busTwo, topic, busOne);
      try {
        busOne.publish(topic, { from: 'one', at: new Date('2025-01-02T03:04:05.000Z') });
        expect(await sub.next()).toEqual({ from: 'one', at: '2025-01-02T03:04:05.000Z' });
      } finally {
        await sub.close();
      }
    });
  });
});

describe.skipIf(!redisUrl)('two deployments sharing one Redis under different key prefixes', () => {
  it('do not hear each other: an event published by one never reaches the other', async () => {
    const [mine, theirs] = await Promise.all([
      createRedisBackplane(redisUrl!, { keyPrefix: `${unique('mine')}:` }),
      createRedisBackplane(redisUrl!, { keyPrefix: `${unique('theirs')}:` }),
    ]);
    try {
      const busMine = createPubSub<Record<string, [Record<string, unknown>]>>({ eventTarget: mine.eventTarget as never });
      const busTheirs = createPubSub<Record<string, [Record<string, unknown>]>>({ eventTarget: theirs.eventTarget as never });
      const topic = unique('topic');
      // Subscribed and proven live through its own deployment first, so silence below means isolation.
      const sub = await subscribe(busMine, topic, busMine);
      try {
        busTheirs.publish(topic, { from: 'theirs' });
        // Give a leaked message ample time to arrive ahead of ours (a wait, not a timing assertion).
        await new Promise((resolve) => setTimeout(resolve, 300));
        busMine.publish(topic, { from: 'mine' });
        expect(await sub.next()).toEqual({ from: 'mine' });
      } finally {
        await sub.close();
      }
    } finally {
      await Promise.all([mine.close(), theirs.close()]);
    }
  });
});

describe.skipIf(!redisUrl)('a pub/sub listener that throws', () => {
  it('is logged; the other listeners still get the message and nothing reaches uncaughtException', async () => {
    const lines: string[] = [];
    const backplane = await createRedisBackplane(redisUrl!, {
      keyPrefix: `${unique('throws')}:`,
      log: createLogger('info', { write: (line: string) => void lines.push(line) }),
    });
    const target = backplane.eventTarget as unknown as EventTarget;
    const topic = unique('topic');
    const heard: unknown[] = [];
    const throwing = () => {
      throw new Error('subscriber bug (test)');
    };
    const hearing = (event: Event) => void heard.push((event as CustomEvent).detail);
    target.addEventListener(topic, throwing);
    target.addEventListener(topic, hearing);
    try {
      // SUBSCRIBE completes in the background: publish until a message arrives.
      await vi.waitFor(
        () => {
          target.dispatchEvent(new CustomEvent(topic, { detail: { n: 1 } }));
          expect(heard.length).toBeGreaterThan(0);
        },
        { timeout: 5_000, interval: 100 },
      );
      expect(lines.some((l) => l.includes('a pub/sub listener threw'))).toBe(true);
    } finally {
      target.removeEventListener(topic, throwing);
      target.removeEventListener(topic, hearing);
      await backplane.close();
    }
  });
});
