import { execFileSync } from 'node:child_process';
import { createPubSub } from '@graphql-yoga/subscription';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startThrowawayRedis, waitFor, within, type ThrowawayRedis } from '../../../test-support/server-process.js';
import { BackplaneUnavailableError, type Backplane } from '../backplane.js';
import { createRedisBackplane } from '../redis.js';
import { rule, unique } from './backplane.contract.js';

/**
 * The Redis backplane's degraded mode, on a redis-server of its own that the test stops and
 * starts (the run's shared Redis is never touched). The API-level proof is redis-outage.api.test.ts.
 */
type Payload = Record<string, unknown>;
interface Line {
  level: number;
  msg: string;
}

let redis: ThrowawayRedis;
let backplane: Backplane;
const lines: Line[] = [];
const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);
let bus: ReturnType<typeof createPubSub<Record<string, [Payload]>>>;
// Listening before the outage; another listener is added while Redis is down.
let before: AsyncIterator<Payload>;
let during: AsyncIterator<Payload>;
const [topicBefore, topicDuring] = [unique('before'), unique('during')];

const downLogs = () => lines.filter((l) => l.msg.startsWith('backplane down'));
const upLogs = () => lines.filter((l) => l.msg.startsWith('backplane recovered'));

beforeAll(async () => {
  process.on('unhandledRejection', onRejection);
  redis = await startThrowawayRedis();
  const log = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line) as Line) });
  backplane = await createRedisBackplane(redis.url, { keyPrefix: `${unique('outage')}:`, log, commandTimeoutMs: 500 });
  bus = createPubSub<Record<string, [Payload]>>({ eventTarget: backplane.eventTarget as never });
  before = bus.subscribe(topicBefore)[Symbol.asyncIterator]();
});

afterAll(async () => {
  process.off('unhandledRejection', onRejection);
  await backplane?.close();
  await redis?.stop();
});

/** Publishes until the listener hears it: SUBSCRIBE completes asynchronously, so one message could be lost. */
async function heard(iterator: AsyncIterator<Payload>, topic: string): Promise<Payload> {
  const next = iterator.next();
  const probing = setInterval(() => bus.publish(topic, { n: 1 }), 100);
  try {
    return (await within(next, `a message on ${topic}`, 15_000)).value as Payload;
  } finally {
    clearInterval(probing);
  }
}

describe('Redis backplane while Redis is down', () => {
  it('works normally before the outage, without logging one', async () => {
    expect(await heard(before, topicBefore)).toEqual({ n: 1 });
    await backplane.ping();
    expect(downLogs()).toEqual([]);
  });

  it('lets commands in flight when Redis dies settle without a rejection', async () => {
    const inFlight = Array.from({ length: 200 }, (_, i) =>
      Promise.all([backplane.cacheSet(`k${i}`, 'v', 60), backplane.cacheGet(`k${i}`), bus.publish(topicBefore, { i })]),
    );
    await redis.stop();
    await within(Promise.all(inFlight), 'the commands in flight to settle', 10_000);
    await waitFor(() => downLogs().length > 0, 'the outage to be logged');
  });

  it('misses the cache and skips stores and deletes, never rejecting', async () => {
    expect(await backplane.cacheGet('k1')).toBeNull();
    await expect(backplane.cacheSet('k1', 'v', 60)).resolves.toBeUndefined();
    await expect(backplane.cacheDelete('k1')).resolves.toBeUndefined();
  });

  it('counts rate limits in this process instead, so a limit still holds', async () => {
    const r = rule(3);
    const results = await Promise.all(Array.from({ length: 5 }, () => backplane.consume(r, 'client')));
    expect(results.map((x) => x.allowed)).toEqual([true, true, true, false, false]);
    await backplane.reset(r, 'client');
    expect((await backplane.consume(r, 'client')).allowed).toBe(true);
  });

  it('refuses a rule that only means something when shared', async () => {
    const claim = { ...rule(1), whenUnavailable: 'refuse' as const };
    await expect(backplane.consume(claim, 'key')).rejects.toBeInstanceOf(BackplaneUnavailableError);
    await expect(backplane.reset(claim, 'key')).rejects.toBeInstanceOf(BackplaneUnavailableError);
  });

  it('consumeAll counts in this process too (all or nothing, with consume), and reads null', async () => {
    const [a, b] = [rule(5), rule(2)];
    const take = [
      { rule: a, key: 'client' },
      { rule: b, key: 'client' },
    ];
    expect(await backplane.consumeAll(take, 'k1')).toEqual({ allowed: true, refusedBy: -1, retryAfterSeconds: 0, value: null });
    expect((await backplane.consume(b, 'client')).allowed).toBe(true);
    const refused = await backplane.consumeAll(take);
    expect(refused).toMatchObject({ allowed: false, refusedBy: 1, value: null });
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    // Refused: a lost nothing (1 of 5 taken so far).
    expect(await backplane.consume(a, 'client', 4)).toMatchObject({ allowed: true, remaining: 0 });
  });

  it('consumeAll refuses, taking nothing, when any of its rules only means something shared', async () => {
    const counted = rule(1);
    const claim = { ...rule(1), whenUnavailable: 'refuse' as const };
    await expect(
      backplane.consumeAll([
        { rule: counted, key: 'k' },
        { rule: claim, key: 'k' },
      ]),
    ).rejects.toBeInstanceOf(BackplaneUnavailableError);
    expect((await backplane.consume(counted, 'k')).allowed).toBe(true);
  });

  it('drops pushes without throwing, fails its readiness ping, and logs the outage once', async () => {
    during = bus.subscribe(topicDuring)[Symbol.asyncIterator]();
    for (let i = 0; i < 50; i++) bus.publish(topicBefore, { dropped: i });
    await expect(backplane.ping()).rejects.toBeInstanceOf(BackplaneUnavailableError);
    await new Promise((resolve) => setTimeout(resolve, 200)); // let any stray rejection surface
    expect(rejections).toEqual([]);
    expect(downLogs()).toHaveLength(1);
    expect(downLogs()[0]!.level).toBe(40);
    expect(upLogs()).toEqual([]);
  });
});

describe('Redis backplane once Redis is back', () => {
  beforeAll(async () => {
    await redis.start();
    await waitFor(
      () =>
        backplane.ping().then(
          () => true,
          () => false,
        ),
      'the backplane to answer its ping again',
      15_000,
    );
  });

  it('logs the recovery once', () => {
    expect(downLogs()).toHaveLength(1);
    expect(upLogs()).toHaveLength(1);
  });

  it('shares the cache and counters through Redis again', async () => {
    const key = unique('k');
    await backplane.cacheSet(key, 'back', 60);
    expect(await backplane.cacheGet(key)).toBe('back');
    const claim = { ...rule(1), whenUnavailable: 'refuse' as const };
    expect((await backplane.consume(claim, 'key')).allowed).toBe(true);
    expect((await backplane.consume(claim, 'key')).allowed).toBe(false);
  });

  it('consumeAll counts in Redis again, and reads the cache', async () => {
    const key = unique('k');
    await backplane.cacheSet(key, 'read again', 60);
    const claim = { ...rule(1), whenUnavailable: 'refuse' as const };
    expect(await backplane.consumeAll([{ rule: claim, key: 'key' }], key)).toMatchObject({ allowed: true, value: 'read again' });
    expect(await backplane.consumeAll([{ rule: claim, key: 'key' }], key)).toMatchObject({ allowed: false, refusedBy: 0, value: 'read again' });
  });

  it('delivers to a subscription made before the outage and to one made during it', async () => {
    // Whatever was published while Redis was down is gone; the next message is a fresh one.
    expect(await heard(before, topicBefore)).toEqual({ n: 1 });
    expect(await heard(during, topicDuring)).toEqual({ n: 1 });
    expect(rejections).toEqual([]);
  });
});

describe('Redis backplane at start', () => {
  it('fails the start, naming the address, when Redis does not answer (a wrong REDIS_URL must be loud)', async () => {
    const port = await freePort();
    await expect(createRedisBackplane(`redis://127.0.0.1:${port}`)).rejects.toThrow(`Redis at 127.0.0.1:${port} did not answer at start`);
  });
});

describe('Redis backplane when Redis hangs (frozen, or cut off without a reset)', () => {
  it('drops the connection at the first timed-out command, so later commands fail at once, and reconnects when Redis answers', async () => {
    const frozen = await startThrowawayRedis();
    const plane = await createRedisBackplane(frozen.url, { keyPrefix: `${unique('frozen')}:`, commandTimeoutMs: 300 });
    // Redis names its process after the address it listens on; this one is ours alone.
    const pid = Number(
      execFileSync('pgrep', ['-f', `redis-server 127.0.0.1:${frozen.port}`])
        .toString()
        .trim(),
    );
    try {
      await plane.ping();
      process.kill(pid, 'SIGSTOP');
      // The socket stays open, so only a timeout can tell: the first read waits it out and misses.
      expect(await plane.cacheGet('k')).toBeNull();
      // From then on nothing waits: the next command is refused for want of a connection, not timed out.
      const err = await plane.ping().then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(BackplaneUnavailableError);
      expect(String((err as Error).cause)).not.toContain('timed out');
      process.kill(pid, 'SIGCONT');
      await waitFor(
        () =>
          plane.ping().then(
            () => true,
            () => false,
          ),
        'the backplane to answer again',
        15_000,
      );
      await plane.cacheSet('k', 'thawed', 60);
      expect(await plane.cacheGet('k')).toBe('thawed');
    } finally {
      process.kill(pid, 'SIGCONT');
      await plane.close();
      await frozen.stop();
    }
  });
});
