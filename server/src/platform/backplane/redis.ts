import { pino } from 'pino';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import type { Logger } from '../logger.js';
import { BackplaneUnavailableError, type Backplane, type BackplaneEventTarget } from './backplane.js';
import { checkCost, CONSUME_ALL_LUA, consumeAllArgs, consumeAllResult, InProcessConsumeAll, type Take } from './consume-all.js';
import { OutageLog, type Health } from './outage.js';
import { RateLimiters } from './rate-limit.js';
import { createRedisClient, describeTarget, pingAll, type RedisClient } from './redis-clients.js';
import { createRedisEventTarget } from './redis-events.js';

export interface RedisBackplaneOptions {
  keyPrefix?: string;
  /** Where outages are reported (once per transition); silent when omitted. */
  log?: Logger;
  /** How long one command may take before it counts as failed (default 1000). */
  commandTimeoutMs?: number;
}

const DEGRADED = 'response cache skipped, live pushes dropped, rate limits counted per process, completions with an idempotency key refused';

/** How long the start may wait for Redis to be ready before it fails. */
const START_BOUND_MS = 10_000;

export async function createRedisBackplane(url: string, options: RedisBackplaneOptions = {}): Promise<Backplane> {
  const prefix = options.keyPrefix ?? 'tollgate:';
  const log = options.log ?? pino({ level: 'silent' });
  const outage = new OutageLog(log, DEGRADED);
  // Commands fail fast while Redis is away (no offline queue, no resend after a drop, a timeout),
  // so each concern degrades at once instead of stalling requests that would then time out anyway.
  const client = createRedisClient(url, { commandTimeoutMs: options.commandTimeoutMs ?? 1_000 });
  // A connection in subscriber mode can do nothing else, so pub/sub gets its own. It only
  // (un)subscribes: those wait for the connection, and ioredis re-subscribes after a reconnect.
  const subscriber = createRedisClient(url, null);
  watch(client, 'commands', outage);
  watch(subscriber, 'pubsub', outage);
  let startTimer: NodeJS.Timeout | undefined;
  try {
    // Bounded: a cluster whose nodes answer but whose state is not ok would keep ioredis retrying forever.
    const bound = new Promise<never>((_, reject) => {
      startTimer = setTimeout(() => reject(new Error(`no ready connection within ${START_BOUND_MS} ms`)), START_BOUND_MS);
    });
    await Promise.race([Promise.all([client.connect(), subscriber.connect()]), bound]);
  } catch (err) {
    client.disconnect();
    subscriber.disconnect();
    // Unreachable at start is a failed start (a wrong REDIS_URL must be loud); a supervisor retries.
    throw new Error(`${describeTarget(url)} did not answer at start (${err instanceof Error ? err.message : String(err)})`, { cause: err });
  } finally {
    clearTimeout(startTimer);
  }
  outage.start();
  // A command that timed out on an open connection means Redis is frozen or cut off, which the
  // socket does not notice: drop it, so everything after fails at once (not ready) rather than
  // each waiting out its timeout, until a reconnect gets an answer again.
  const health: Health = {
    failed: (connection, err) => {
      outage.failed(connection, err);
      if (err instanceof Error && err.message === 'Command timed out' && client.status === 'ready') client.disconnect(true);
    },
    recovered: (connection) => outage.recovered(connection),
  };

  /** A command whose failure is an outage: recorded, and answered by `fallback`. */
  const bestEffort = async <T>(what: string, command: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      const result = await command();
      health.recovered('commands');
      return result;
    } catch (err) {
      health.failed('commands', err);
      log.debug({ err }, `${what} skipped: the backplane is unreachable`);
      return fallback;
    }
  };
  /** A failure the caller must see: recorded, and rethrown as BackplaneUnavailableError. */
  const unavailable =
    (what: string) =>
    (err: unknown): never => {
      health.failed('commands', err);
      throw new BackplaneUnavailableError(`${what}: the backplane is unreachable`, { cause: err });
    };

  // The per-process counts while Redis errs: one limiter per rule, shared by consume (as
  // rate-limiter-flexible's insurance) and consumeAll, so an outage counts both in one place.
  const inProcess = new RateLimiters(
    (rule) => new RateLimiterMemory({ keyPrefix: `${prefix}rl:${rule.name}`, points: rule.points, duration: rule.durationSeconds }),
  );
  const inProcessAll = new InProcessConsumeAll(inProcess);
  const limiters = new RateLimiters(
    (rule) =>
      new RateLimiterRedis({
        storeClient: client,
        keyPrefix: `${prefix}rl:${rule.name}`,
        points: rule.points,
        duration: rule.durationSeconds,
        // Not ready: straight to the insurance (or the refusal) without sending a command.
        rejectIfRedisNotReady: true,
        // While Redis errs, rate-limiter-flexible counts in this process and returns to Redis by itself.
        insuranceLimiter: rule.whenUnavailable === 'refuse' ? undefined : inProcess.get(rule),
      }),
  );
  client.defineCommand('tollgateConsumeAll', { lua: CONSUME_ALL_LUA });
  const script = client as unknown as { tollgateConsumeAll(...args: Array<string | number>): Promise<[number, number, string | null]> };
  const consumeAll = async (take: Take, read?: string, cost = 1) => {
    checkCost(cost); // a caller's bug, before the try: never mistaken for an outage
    try {
      // Not ready: the fallback at once, as rejectIfRedisNotReady does for consume.
      if (client.status !== 'ready') throw new Error(`the command connection is ${client.status}`);
      const result = consumeAllResult(await script.tollgateConsumeAll(...consumeAllArgs(prefix, take, read, cost)));
      health.recovered('commands');
      return result;
    } catch (err) {
      // Keys on different cluster slots are a caller's bug, not an outage: loud, never degraded.
      if (err instanceof Error && err.message.startsWith('CROSSSLOT')) {
        throw new Error(`consumeAll: every key must carry one hash tag (${err.message})`, { cause: err });
      }
      health.failed('commands', err);
      const refusing = take.find(({ rule }) => rule.whenUnavailable === 'refuse');
      if (refusing) throw new BackplaneUnavailableError(`rate limit ${refusing.rule.name}: the backplane is unreachable`, { cause: err });
      return { ...(await inProcessAll.run(take, cost)), value: null };
    }
  };
  const cacheKey = (key: string) => `${prefix}cache:${key}`;
  return {
    kind: 'redis',
    cacheGet: (key) => bestEffort('cache read', () => client.get(cacheKey(key)), null),
    cacheSet: (key, value, ttlSeconds) =>
      bestEffort('cache store', async () => void (await client.set(cacheKey(key), value, 'EX', Math.max(1, Math.ceil(ttlSeconds)))), undefined),
    cacheDelete: (key) => bestEffort('cache delete', async () => void (await client.del(cacheKey(key))), undefined),
    // No `required` here: an answer may have come from the insurance, which says nothing of Redis.
    consume: (rule, key, cost) => limiters.consume(rule, key, cost).catch(unavailable(`rate limit ${rule.name}`)),
    consumeAll,
    reset: (rule, key) => limiters.reset(rule, key).catch(unavailable(`rate limit ${rule.name}`)),
    eventTarget: prefixedEventTarget(createRedisEventTarget(client, subscriber, health, log), `${prefix}events:`),
    ping: async () => {
      if (subscriber.status !== 'ready') throw new BackplaneUnavailableError(`the pub/sub connection is ${subscriber.status}`);
      await pingAll(client).catch(unavailable('ping'));
      health.recovered('commands');
    },
    close: async () => {
      outage.close();
      await Promise.allSettled([client, subscriber].map(quit));
    },
  };
}

/** Connection state changes feed the outage log; listening to `error` also keeps ioredis from printing each retry. */
function watch(connection: RedisClient, name: string, outage: OutageLog): void {
  connection.on('error', (err: unknown) => outage.failed(name, err));
  connection.on('close', () => outage.failed(name, new Error('connection closed')));
  connection.on('ready', () => outage.recovered(name));
}

/** QUIT when connected (bounded), otherwise just drop the socket: closing never waits on a dead Redis. */
async function quit(connection: RedisClient): Promise<void> {
  if (connection.status === 'ready') {
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, 1_000)));
    await Promise.race([connection.quit().catch(() => undefined), bound]).finally(() => clearTimeout(timer));
  }
  connection.disconnect();
}

/** Channels carry the key prefix too, so two deployments sharing one Redis never hear each other. */
function prefixedEventTarget(inner: BackplaneEventTarget, prefix: string): BackplaneEventTarget {
  return {
    addEventListener: (type, listener, options) => inner.addEventListener(prefix + type, listener, options),
    removeEventListener: (type, listener, options) => inner.removeEventListener(prefix + type, listener, options),
    dispatchEvent: (event) => inner.dispatchEvent(new CustomEvent(prefix + event.type, { detail: event.detail })),
  };
}
