import { createPubSub } from '@graphql-yoga/subscription';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backplane } from '../backplane.js';
import { consumeAllContract } from './consume-all.contract.js';
import { eventually, rule, unique } from './contract-helpers.js';

export { eventually, rule, tagged, unique } from './contract-helpers.js';

type Payload = Record<string, unknown>;
type Bus = ReturnType<typeof bus>;
const PROBE = '__probe';

function bus(backplane: Backplane) {
  return createPubSub<Record<string, [Payload]>>({ eventTarget: backplane.eventTarget as never });
}

function within<T>(promise: Promise<T>, what: string, ms = 5_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`gave up after ${ms} ms waiting for: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export interface Subscription {
  /** The next real message (readiness probes skipped). */
  next(): Promise<Payload>;
  close(): Promise<void>;
}

/**
 * Subscribes and returns once the subscription is live. A Redis SUBSCRIBE completes asynchronously
 * and a message published before it is simply lost, so probes are published until one comes back.
 */
export async function subscribe(subscriber: Bus, topic: string, publisher: Bus = subscriber): Promise<Subscription> {
  const iterator = subscriber.subscribe(topic)[Symbol.asyncIterator]();
  const pull = async (): Promise<Payload> => {
    const { value, done } = await within(iterator.next(), `a message on ${topic}`);
    if (done) throw new Error(`subscription to ${topic} ended`);
    return value as Payload;
  };
  const first = pull(); // starting the iterator is what adds the listener
  const probing = setInterval(() => publisher.publish(topic, { [PROBE]: true }), 50);
  publisher.publish(topic, { [PROBE]: true });
  try {
    expect(await first).toHaveProperty(PROBE);
  } finally {
    clearInterval(probing);
  }
  return {
    async next() {
      for (;;) {
        const message = await pull();
        if (!(PROBE in message)) return message;
      }
    },
    close: async () => {
      await iterator.return?.();
    },
  };
}

/**
 * The behaviour every Backplane implementation must share, whatever carries it: the server relies
 * on exactly this for the response cache, rate limits and GraphQL subscriptions.
 */
export function backplaneContract(name: string, make: () => Promise<Backplane>): void {
  describe(`${name} backplane`, () => {
    let backplane: Backplane;
    beforeAll(async () => {
      backplane = await make();
    });
    afterAll(async () => {
      await backplane?.close();
    });

    describe('cache', () => {
      it('returns null for a key that was never set', async () => {
        expect(await backplane.cacheGet(unique('missing'))).toBeNull();
      });

      it('returns what was set, the latest value after an overwrite, and null after delete', async () => {
        const key = unique('k');
        await backplane.cacheSet(key, 'first', 60);
        expect(await backplane.cacheGet(key)).toBe('first');
        await backplane.cacheSet(key, 'second', 60);
        expect(await backplane.cacheGet(key)).toBe('second');
        await backplane.cacheDelete(key);
        expect(await backplane.cacheGet(key)).toBeNull();
      });

      it('forgets a value once its TTL has passed', async () => {
        const key = unique('ttl');
        await backplane.cacheSet(key, 'short-lived', 1);
        expect(await backplane.cacheGet(key)).toBe('short-lived');
        await eventually(async () => (await backplane.cacheGet(key)) === null, 'a 1 s cache entry to expire');
      });

      it('keeps keys apart: deleting one leaves the others', async () => {
        const [a, b] = [unique('a'), unique('b')];
        await backplane.cacheSet(a, 'value-a', 60);
        await backplane.cacheSet(b, 'value-b', 60);
        expect(await backplane.cacheGet(a)).toBe('value-a');
        expect(await backplane.cacheGet(b)).toBe('value-b');
        await backplane.cacheDelete(a);
        expect(await backplane.cacheGet(a)).toBeNull();
        expect(await backplane.cacheGet(b)).toBe('value-b');
      });
    });

    describe('rate limiting', () => {
      it("allows the rule's points, then refuses with a retry-after inside the window", async () => {
        const r = rule(5, 60);
        const key = unique('client');
        const remaining: number[] = [];
        for (let i = 0; i < 5; i++) {
          const result = await backplane.consume(r, key);
          expect(result).toMatchObject({ allowed: true, retryAfterSeconds: 0 });
          remaining.push(result.remaining);
        }
        expect(remaining).toEqual([4, 3, 2, 1, 0]);
        const refused = await backplane.consume(r, key);
        expect(refused).toMatchObject({ allowed: false, remaining: 0 });
        expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
        expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
      });

      it('takes `cost` points at once', async () => {
        const r = rule(10);
        const key = unique('client');
        expect(await backplane.consume(r, key, 7)).toMatchObject({ allowed: true, remaining: 3 });
        expect(await backplane.consume(r, key, 3)).toMatchObject({ allowed: true, remaining: 0 });
        expect((await backplane.consume(r, key, 1)).allowed).toBe(false);
      });

      it('takes nothing for a refused consume: what remained can still be spent', async () => {
        const r = rule(5);
        const key = unique('client');
        expect(await backplane.consume(r, key, 4)).toMatchObject({ allowed: true, remaining: 1 });
        for (let i = 0; i < 3; i++) expect((await backplane.consume(r, key, 2)).allowed).toBe(false);
        expect(await backplane.consume(r, key, 1)).toMatchObject({ allowed: true, remaining: 0 });
      });

      it('gives the full budget back once the window has passed, however many refusals came in between', async () => {
        const r = rule(3, 1);
        const key = unique('client');
        for (let i = 0; i < 3; i++) expect((await backplane.consume(r, key)).allowed).toBe(true);
        for (let i = 0; i < 5; i++) expect((await backplane.consume(r, key)).allowed).toBe(false);
        // Peek without spending: cost 3 is only allowed once all three points are back, and then it is the only spend.
        await eventually(async () => (await backplane.consume(r, key, 3)).allowed, 'the 1 s window to pass');
        expect((await backplane.consume(r, key)).allowed).toBe(false);
      });

      it('restores the whole budget on reset', async () => {
        const r = rule(3);
        const key = unique('client');
        for (let i = 0; i < 3; i++) await backplane.consume(r, key);
        expect((await backplane.consume(r, key)).allowed).toBe(false);
        await backplane.reset(r, key);
        expect(await backplane.consume(r, key, 3)).toMatchObject({ allowed: true, remaining: 0 });
      });

      it('counts each key separately under one rule', async () => {
        const r = rule(2);
        const [a, b] = [unique('a'), unique('b')];
        await backplane.consume(r, a, 2);
        expect((await backplane.consume(r, a)).allowed).toBe(false);
        expect(await backplane.consume(r, b)).toMatchObject({ allowed: true, remaining: 1 });
      });

      it('counts each rule separately for one key', async () => {
        const [first, second] = [rule(2), rule(2)];
        const key = unique('client');
        await backplane.consume(first, key, 2);
        expect((await backplane.consume(first, key)).allowed).toBe(false);
        expect(await backplane.consume(second, key)).toMatchObject({ allowed: true, remaining: 1 });
      });

      it('resets one key without touching another', async () => {
        const r = rule(1);
        const [a, b] = [unique('a'), unique('b')];
        await backplane.consume(r, a);
        await backplane.consume(r, b);
        await backplane.reset(r, a);
        expect((await backplane.consume(r, a)).allowed).toBe(true);
        expect((await backplane.consume(r, b)).allowed).toBe(false);
      });

      it('holds the limit under 100 concurrent consumes: exactly 30 of 30 points allowed', async () => {
        const r = rule(30);
        const key = unique('client');
        const results = await Promise.all(Array.from({ length: 100 }, () => backplane.consume(r, key)));
        const allowed = results.filter((res) => res.allowed);
        expect(allowed).toHaveLength(30);
        expect(new Set(allowed.map((res) => res.remaining)).size).toBe(30);
        for (const res of results.filter((x) => !x.allowed)) expect(res.retryAfterSeconds).toBeGreaterThanOrEqual(1);
        expect((await backplane.consume(r, key)).allowed).toBe(false);
      });
    });

    consumeAllContract(() => backplane);

    describe('pub/sub', () => {
      it('delivers a published object to a subscriber', async () => {
        const pubsub = bus(backplane);
        const topic = unique('topic');
        const sub = await subscribe(pubsub, topic);
        try {
          pubsub.publish(topic, { id: 'evt-1', amount: '12.5', nested: { tags: ['a', 'b'] } });
          expect(await sub.next()).toEqual({ id: 'evt-1', amount: '12.5', nested: { tags: ['a', 'b'] } });
        } finally {
          await sub.close();
        }
      });

      it('delivers payloads as JSON: a Date arrives as its ISO string, undefined fields vanish', async () => {
        const pubsub = bus(backplane);
        const topic = unique('topic');
        const sub = await subscribe(pubsub, topic);
        const at = new Date('2024-05-06T07:08:09.010Z');
        try {
          pubsub.publish(topic, { at, gone: undefined });
          const received = await sub.next();
          expect(received).toEqual({ at: '2024-05-06T07:08:09.010Z' });
          expect('gone' in received).toBe(false);
        } finally {
          await sub.close();
        }
      });

      it('delivers each message to every subscriber of the topic', async () => {
        const pubsub = bus(backplane);
        const topic = unique('topic');
        const first = await subscribe(pubsub, topic);
        const second = await subscribe(pubsub, topic);
        try {
          pubsub.publish(topic, { n: 1 });
          expect(await first.next()).toEqual({ n: 1 });
          expect(await second.next()).toEqual({ n: 1 });
        } finally {
          await Promise.all([first.close(), second.close()]);
        }
      });

      it("does not deliver another topic's messages", async () => {
        const pubsub = bus(backplane);
        const [topicA, topicB] = [unique('a'), unique('b')];
        const onA = await subscribe(pubsub, topicA);
        const onB = await subscribe(pubsub, topicB);
        try {
          pubsub.publish(topicB, { for: 'B' });
          expect(await onB.next()).toEqual({ for: 'B' }); // B's message has been delivered by now
          pubsub.publish(topicA, { for: 'A' });
          // Messages arrive in publish order, so had B's leaked to A it would come first.
          expect(await onA.next()).toEqual({ for: 'A' });
        } finally {
          await Promise.all([onA.close(), onB.close()]);
        }
      });
    });

    it('answers ping while open', async () => {
      await expect(backplane.ping()).resolves.toBeUndefined();
    });
  });
}
