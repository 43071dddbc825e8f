import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisCluster, type RedisCluster } from '../../../test-support/redis-cluster.js';
import { waitFor, within } from '../../../test-support/server-process.js';
import { BackplaneUnavailableError, type Backplane } from '../backplane.js';
import { createRedisBackplane } from '../redis.js';
import { rule, unique } from './backplane.contract.js';

/**
 * One master of a real three-master Redis Cluster dies and comes back: the backplane degrades as
 * for one Redis (docs/decisions/0011) — per-process counts, refusals for `refuse` rules, cache
 * misses, a failing ping — never a hang or an unhandled rejection, and it recovers by itself.
 */
let cluster: RedisCluster;
let backplane: Backplane;
let admin: Redis;
const prefix = `${unique('cl-outage')}:`;
const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);

/** A user id whose keys (`{id}`) live on master `index`. */
async function userOn(index: number): Promise<string> {
  const ranges = (await admin.call('CLUSTER', 'SLOTS')) as Array<[number, number, [string, number]]>;
  for (;;) {
    const id = unique('user');
    const slot = Number(await admin.call('CLUSTER', 'KEYSLOT', `{${id}}`));
    const range = ranges.find(([from, to]) => slot >= from && slot <= to)!;
    if (range[2][1] === cluster.ports[index]) return id;
  }
}

beforeAll(async () => {
  process.on('unhandledRejection', onRejection);
  cluster = await startRedisCluster();
  admin = new Redis(cluster.ports[1]!, '127.0.0.1');
  backplane = await createRedisBackplane(cluster.url, { keyPrefix: prefix, commandTimeoutMs: 500 });
});
afterAll(async () => {
  process.off('unhandledRejection', onRejection);
  admin?.disconnect();
  await backplane?.close();
  await cluster?.stop();
});

describe('a Redis Cluster master lost and back', () => {
  const counted = rule(2);
  const claim = { ...rule(1), whenUnavailable: 'refuse' as const };
  let user: string;

  it('works through the cluster before', async () => {
    user = await userOn(0);
    await backplane.cacheSet(`auth:v:{${user}}`, 'v1', 60);
    expect(await backplane.consumeAll([{ rule: counted, key: `{${user}}` }], `auth:v:{${user}}`)).toMatchObject({ allowed: true, value: 'v1' });
    await backplane.ping();
  });

  it('degrades, without hanging or rejecting unhandled, while the master of those slots is down', async () => {
    await cluster.stopNode(0);
    const take = [{ rule: counted, key: `{${user}}` }];
    await waitFor(async () => (await backplane.consumeAll(take, `auth:v:{${user}}`)).value === null, 'consumeAll to fall back', 15_000, 100);
    // Counted in this process now: a fresh limit of 2 allows two calls, then refuses.
    const fresh = [{ rule: rule(2), key: `{${user}}` }];
    const calls = [];
    for (let i = 0; i < 3; i++) calls.push(await within(backplane.consumeAll(fresh, `auth:v:{${user}}`), 'a degraded consumeAll', 5_000));
    expect(calls.map((c) => [c.allowed, c.refusedBy, c.value])).toEqual([
      [true, -1, null],
      [true, -1, null],
      [false, 0, null],
    ]);
    await expect(within(backplane.consumeAll([{ rule: claim, key: `{${user}}` }]), 'a refusing consumeAll', 5_000)).rejects.toBeInstanceOf(
      BackplaneUnavailableError,
    );
    expect(await within(backplane.cacheGet(`auth:v:{${user}}`), 'a degraded cache read', 5_000)).toBeNull();
    await expect(within(backplane.ping(), 'ping', 5_000)).rejects.toBeInstanceOf(BackplaneUnavailableError);
    await new Promise((resolve) => setTimeout(resolve, 200)); // let a stray rejection surface
    expect(rejections).toEqual([]);
  });

  it('recovers by itself once the master is back: shared counters and reads again', async () => {
    await cluster.startNode(0);
    await waitFor(
      () =>
        backplane.ping().then(
          () => true,
          () => false,
        ),
      'the backplane to answer its ping again',
      30_000,
      200,
    );
    await backplane.cacheSet(`auth:v:{${user}}`, 'v2', 60);
    const take = [{ rule: claim, key: `{${user}}` }];
    expect(await backplane.consumeAll(take, `auth:v:{${user}}`)).toMatchObject({ allowed: true, value: 'v2' });
    expect(await backplane.consumeAll(take, `auth:v:{${user}}`)).toMatchObject({ allowed: false, refusedBy: 0, value: 'v2' });
    expect(rejections).toEqual([]);
  });
});
