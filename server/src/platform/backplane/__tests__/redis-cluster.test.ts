import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPubSub } from '@graphql-yoga/subscription';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisCluster, type RedisCluster } from '../../../test-support/redis-cluster.js';
import { freePort, tryConnect, waitFor } from '../../../test-support/server-process.js';
import { ConfigError, loadConfig } from '../../config.js';
import type { Backplane } from '../backplane.js';
import { clusterTarget, describeTarget } from '../redis-clients.js';
import { createRedisBackplane } from '../redis.js';
import { backplaneContract, rule, subscribe, tagged, unique } from './backplane.contract.js';

/**
 * The Redis backplane on a REAL three-master Redis Cluster (Debian's redis-server, started here):
 * the whole backplane contract, then what only a cluster can show: keys of one account on one
 * slot, and accounts spread over every master.
 */
let cluster: RedisCluster;
let admin: Redis;
beforeAll(async () => {
  cluster = await startRedisCluster();
  admin = new Redis(cluster.ports[0]!, '127.0.0.1');
});
afterAll(async () => {
  admin?.disconnect();
  await cluster?.stop();
});

backplaneContract('Redis Cluster', () => createRedisBackplane(cluster.url, { keyPrefix: `${unique('cluster')}:` }));

const slotOf = async (key: string) => Number(await admin.call('CLUSTER', 'KEYSLOT', key));
/** Which master (host:port) serves `slot`, from CLUSTER SLOTS. */
async function masterOf(slot: number): Promise<string> {
  const ranges = (await admin.call('CLUSTER', 'SLOTS')) as Array<[number, number, [string, number]]>;
  const range = ranges.find(([from, to]) => slot >= from && slot <= to);
  if (!range) throw new Error(`slot ${slot} is not served`);
  return `${range[2][0]}:${range[2][1]}`;
}

describe('an account on a Redis Cluster', () => {
  const prefix = `${unique('acct')}:`;
  let one: Backplane;
  let two: Backplane;
  beforeAll(async () => {
    [one, two] = await Promise.all([createRedisBackplane(cluster.url, { keyPrefix: prefix }), createRedisBackplane(cluster.url, { keyPrefix: prefix })]);
  });
  afterAll(async () => {
    await Promise.all([one?.close(), two?.close()]);
  });

  // The layout callers use: every key of a user carries `{userId}`; the version key is read in the same script.
  const perUser = { ...rule(3), name: unique('completions') };
  const perKey = { ...rule(2), name: unique('completions-key') };
  const keysOf = (userId: string) => ({ user: `{${userId}}`, apiKey: `{${userId}}:key-1`, version: `auth:v:{${userId}}` });

  it("puts a user's principal version key and rate-limit keys on one slot", async () => {
    const userId = unique('user');
    const k = keysOf(userId);
    const slots = new Set(
      await Promise.all([`${prefix}cache:${k.version}`, `${prefix}rl:${perUser.name}:${k.user}`, `${prefix}rl:${perKey.name}:${k.apiKey}`].map(slotOf)),
    );
    expect(slots.size).toBe(1);
  });

  it('runs consumeAll for many users spread over all three masters, limits shared by two replicas', async () => {
    const users = Array.from({ length: 48 }, () => unique('user'));
    const masters = new Set(await Promise.all(users.map(async (u) => masterOf(await slotOf(`${prefix}cache:${keysOf(u).version}`)))));
    expect(masters).toEqual(new Set(cluster.nodes));
    await Promise.all(users.map((u) => one.cacheSet(keysOf(u).version, `v-${u}`, 60)));
    const take = (u: string) => [
      { rule: perUser, key: keysOf(u).user },
      { rule: perKey, key: keysOf(u).apiKey },
    ];
    // Two calls per user, one on each replica: both allowed, each reads the user's own version.
    for (const plane of [one, two]) {
      const results = await Promise.all(users.map((u) => plane.consumeAll(take(u), keysOf(u).version)));
      results.forEach((res, i) => expect(res).toEqual({ allowed: true, refusedBy: -1, retryAfterSeconds: 0, value: `v-${users[i]}` }));
    }
    // The per-key limit (2) is spent across the replicas: the third call is refused by it, on either.
    const third = await Promise.all(users.map((u, i) => (i % 2 ? one : two).consumeAll(take(u), keysOf(u).version)));
    for (const res of third) expect(res).toMatchObject({ allowed: false, refusedBy: 1 });
    // Refused: nothing taken from the per-user limit, whose last point is still there.
    for (const u of users) expect(await two.consume(perUser, keysOf(u).user)).toMatchObject({ allowed: true, remaining: 0 });
  });

  it('refuses, loudly, a consumeAll whose keys are on different slots (a caller bug, not an outage)', async () => {
    const [a] = tagged('a');
    const [b] = tagged('b');
    const [ra, rb] = [rule(5), rule(5)];
    // Tags chosen to differ in slot (two random tags share one with odds 1 in 16384).
    expect(await slotOf(`${prefix}rl:${ra.name}:${a}`)).not.toBe(await slotOf(`${prefix}rl:${rb.name}:${b}`));
    await expect(
      one.consumeAll([
        { rule: ra, key: a! },
        { rule: rb, key: b! },
      ]),
    ).rejects.toThrow(/one hash tag/);
  });

  it('delivers a message published through one replica to a subscriber on the other', async () => {
    const busOne = createPubSub<Record<string, [Record<string, unknown>]>>({ eventTarget: one.eventTarget as never });
    const busTwo = createPubSub<Record<string, [Record<string, unknown>]>>({ eventTarget: two.eventTarget as never });
    const topic = unique('topic');
    const sub = await subscribe(busTwo, topic, busOne);
    try {
      busOne.publish(topic, { balance: '12' });
      expect(await sub.next()).toEqual({ balance: '12' });
    } finally {
      await sub.close();
    }
  });
});

describe('naming a Redis Cluster', () => {
  it('reads redis-cluster://[user:password@]host:port,… and never shows the password', () => {
    expect(clusterTarget('redis-cluster://app:s%40cret@10.0.0.1:7000,redis-b:7001/')).toEqual({
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: 'redis-b', port: 7001 },
      ],
      username: 'app',
      password: 's@cret',
    });
    expect(describeTarget('redis-cluster://app:s%40cret@10.0.0.1:7000,redis-b:7001')).toBe('the Redis Cluster at 10.0.0.1:7000,redis-b:7001');
    expect(clusterTarget('redis://127.0.0.1:6379')).toBeNull();
    expect(() => clusterTarget('redis-cluster://10.0.0.1')).toThrow(/host:port/);
  });

  it('is configured by REDIS_URL=redis-cluster://… or REDIS_CLUSTER_NODES=host:port,…, never both', () => {
    const load = (env: Record<string, string>) => loadConfig(env, { dataDir: '/tmp/unused' });
    expect(load({ REDIS_URL: 'redis-cluster://:pw@a:7000,b:7001' }).REDIS_URL).toBe('redis-cluster://:pw@a:7000,b:7001');
    expect(load({ REDIS_CLUSTER_NODES: 'a:7000,b:7001' }).REDIS_URL).toBe('redis-cluster://a:7000,b:7001');
    expect(load({ REDIS_URL: 'redis://a:6379' }).REDIS_URL).toBe('redis://a:6379');
    const bad: Array<Record<string, string>> = [
      { REDIS_URL: 'redis-cluster://a' },
      { REDIS_CLUSTER_NODES: 'a' },
      { REDIS_URL: 'redis://a:6379', REDIS_CLUSTER_NODES: 'a:7000' },
    ];
    for (const env of bad) {
      expect(() => load(env)).toThrow(ConfigError);
    }
  });

  it('fails the start, naming the nodes, when no node answers', async () => {
    const port = await freePort();
    await expect(createRedisBackplane(`redis-cluster://127.0.0.1:${port}`)).rejects.toThrow(`the Redis Cluster at 127.0.0.1:${port} did not answer at start`);
  });

  it('fails the start, within a bound, when the node answers but no cluster is formed (state not ok)', async () => {
    const [port, busPort] = [await freePort(), await freePort()];
    const dir = mkdtempSync(join(tmpdir(), 'tollgate-lone-node-'));
    const lone = spawn(
      '/usr/bin/redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--cluster-enabled',
        'yes',
        '--cluster-port',
        String(busPort),
        '--dir',
        dir,
        '--save',
        '',
        '--appendonly',
        'no',
      ],
      { stdio: 'ignore' },
    );
    try {
      await waitFor(async () => (await tryConnect(port)) === 'accepted', 'a lone cluster-enabled redis-server', 10_000);
      await expect(createRedisBackplane(`redis-cluster://127.0.0.1:${port}`)).rejects.toThrow(`the Redis Cluster at 127.0.0.1:${port} did not answer at start`);
    } finally {
      lone.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
