import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { formatCredits, parseCredits } from '@tollgate/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeOpenAi } from '../../modules/gateway/__tests__/fakes/fake-openai.js';
import { apiKey, auditViolations, data, gql, rows, setTier, signInAdmin, signUpUser, type ProcUser } from '../../modules/gateway/__tests__/process-support.js';
import { createTestDatabase } from '../../test-support/database.js';
import { startRedisCluster, type RedisCluster } from '../../test-support/redis-cluster.js';
import { startServerProcess, waitFor, type ServerProcess } from '../../test-support/server-process.js';
import { accountLedgers, inFlight, interleave, untilLive, watchBalance, type BalanceWatch } from './three-instances.support.js';

/**
 * Past one machine: three Tollgate processes (the built server, as production runs it) on one
 * PostgreSQL and a real three-master Redis Cluster (REDIS_URL=redis-cluster://…), a fake OpenAI
 * behind them, and a load of completions spread over the three: many accounts, one hot account bursting past its tier's per-minute limit, and accounts
 * watched live on one instance while the other two serve them. Asserted: the per-minute limit is
 * global (exactly the tier's N admitted across all three); every watched account's subscription
 * receives the balance written by the other instances; the ledger audit is clean and each
 * account's balance is its grants minus its charged usage, with nothing held and nothing negative.
 * No timing is asserted: every wait is a bound on a broken server, never a measure of speed.
 */

const REDIS_BINARY = process.env.REDIS_SERVER_BIN ?? '/usr/bin/redis-server';
const haveRedis = existsSync(REDIS_BINARY);
if (!haveRedis) console.warn(`\n${'!'.repeat(78)}\n${REDIS_BINARY} is missing: the three-instance load test is SKIPPED.\n${'!'.repeat(78)}\n`);
const COMPLETE = 'mutation($i: CompletionInput!) { complete(input: $i) { charged } }';
const MODEL = 'openai/gpt-4o-mini';
const ACCOUNTS = 18;
const CALLS_EACH = 4;
const HOT_TIER = 'starter';
const HOT_PER_MINUTE = 60; // the starter tier's requests a minute (catalog.data.ts)
const HOT_BURST = 72;
const WATCHED_CALLS = 6;
const IN_FLIGHT = 48;
/** The poor account's available credit: a few calls' holds at once, fewer than POOR_CALLS calls' charges in all. */
const POOR_AVAILABLE = '0.004000';
const POOR_CALLS = 12;

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let openai: FakeOpenAi;
let cluster: RedisCluster;
const servers: ServerProcess[] = [];
const watches: BalanceWatch[] = [];

/** One completion, by GraphQL (session) or /v1 (API key): admitted, refused by the rate limit, or failed otherwise. */
type Outcome = { user: string; via: number; status: 'ok' | 'limited' | 'insufficient' | 'failed'; charged: bigint; detail?: unknown };
const statusOf = (code: unknown): Outcome['status'] => (code === 'RATE_LIMITED' ? 'limited' : code === 'INSUFFICIENT_CREDITS' ? 'insufficient' : 'failed');

async function completeGql(server: number, user: ProcUser, tag: string): Promise<Outcome> {
  const body = await gql(servers[server]!, COMPLETE, { i: { model: MODEL, prompt: `three instances ${tag}`, maxTokens: 16, useCache: false } }, user.token);
  if (body.data?.complete) return { user: user.id, via: server, status: 'ok', charged: parseCredits(body.data.complete.charged) };
  const code = body.errors?.[0]?.extensions?.code;
  return { user: user.id, via: server, status: statusOf(code), charged: 0n, detail: body.errors };
}

async function completeV1(server: number, user: ProcUser, key: string, tag: string): Promise<Outcome> {
  const res = await fetch(`${servers[server]!.url}/v1/chat/completions`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${key}`,
      'cache-control': 'no-cache',
      'x-forwarded-for': `10.9.${randomBytes(1)[0]}.${randomBytes(1)[0]}`,
    },
    body: JSON.stringify({ model: MODEL, messages: [{ role: 'user', content: `three instances ${tag}` }], max_tokens: 16 }),
  });
  const body = await res.json();
  if (res.status === 200) return { user: user.id, via: server, status: 'ok', charged: -1n }; // /v1 does not say what it charged
  return { user: user.id, via: server, status: res.status === 429 ? 'limited' : 'failed', charged: 0n, detail: body };
}

beforeAll(async () => {
  if (!haveRedis) return;
  [db, openai, cluster] = await Promise.all([createTestDatabase(), FakeOpenAi.start(), startRedisCluster()]);
  const redisUrl = cluster.url;
  const env = { OPENAI_API_KEY: 'sk-three', OPENAI_BASE_URL: openai.baseURL, REDIS_KEY_PREFIX: `t-three-${process.pid}-${randomUUID().slice(0, 8)}:` };
  // The first runs the migrations; the other two share its secrets, so a token from one is good on all.
  servers.push(await startServerProcess({ databaseUrl: db.url, redisUrl, env }));
  const shared = { ...servers[0]!.env, ...env };
  servers.push(...(await Promise.all([1, 2].map(() => startServerProcess({ databaseUrl: db.url, redisUrl, env: shared })))));
});
afterAll(async () => {
  await Promise.all(watches.map((w) => w.client.dispose()));
  await Promise.all(servers.map((s) => s.kill()));
  await openai?.close();
  await cluster?.stop();
  await db?.drop();
});

describe.skipIf(!haveRedis)('three server instances on one PostgreSQL and a Redis Cluster, under load', () => {
  it('hold the per-minute limit globally, push live balances across instances, and keep the ledger exact', { timeout: 180_000 }, async () => {
    const admin = await signInAdmin(servers[0]!);
    // Sign-ups spread over the instances (password hashing is the costly part of setup).
    const many = await Promise.all(Array.from({ length: ACCOUNTS }, (_, i) => signUpUser(servers[i % 3]!, `three-${i}`)));
    const hot = await signUpUser(servers[0]!, 'three-hot');
    await setTier(servers[0]!, admin, hot.id, HOT_TIER);
    const hotKey = await apiKey(servers[1]!, hot);
    const watched = await Promise.all([0, 1, 2].map((i) => signUpUser(servers[i]!, `three-watched-${i}`)));
    // An account with almost nothing left, charged on all three at once: holds must stop it at zero.
    const poor = await signUpUser(servers[2]!, 'three-poor');
    const deduct = {
      userId: poor.id,
      amount: formatCredits(parseCredits('10') - parseCredits(POOR_AVAILABLE)),
      reason: 'three instances',
      idempotencyKey: randomUUID(),
    };
    data(await gql(servers[2]!, 'mutation($i: AdminCreditInput!) { adminDeductCredits(input: $i) { id } }', { i: deduct }, admin), 'adminDeductCredits');

    // Watched account i is watched on instance i and served only by the other two.
    for (const [i, user] of watched.entries()) {
      const watch = watchBalance(servers[i]!, user.token);
      watches.push(watch);
      await untilLive(servers[i]!, user.token, watch);
    }

    const tasks: Array<() => Promise<Outcome>> = [];
    many.forEach((user, u) => {
      for (let c = 0; c < CALLS_EACH; c += 1) tasks.push(() => completeGql((u + c) % 3, user, `many ${u}.${c}`));
    });
    for (let c = 0; c < HOT_BURST; c += 1) {
      // The hot account on all three instances, by session and by API key (both count against the user).
      tasks.push(() => (c % 2 ? completeV1(c % 3, hot, hotKey, `hot ${c}`) : completeGql(c % 3, hot, `hot ${c}`)));
    }
    watched.forEach((user, w) => {
      for (let c = 0; c < WATCHED_CALLS; c += 1) tasks.push(() => completeGql((w + 1 + (c % 2)) % 3, user, `watched ${w}.${c}`));
    });
    for (let c = 0; c < POOR_CALLS; c += 1) tasks.push(() => completeGql(c % 3, poor, `poor ${c}`));
    const outcomes = await inFlight(interleave(tasks), IN_FLIGHT);

    const failed = outcomes.filter((o) => o.status === 'failed');
    // On failure, the servers' own error lines say why.
    const errorLines = servers.flatMap((s, i) => s.logs.filter((l) => (l.level ?? 0) >= 50).map((l) => `#${i} ${JSON.stringify(l).slice(0, 600)}`));
    expect(failed.map(({ via, detail }) => ({ via, detail })).slice(0, 3), errorLines.slice(0, 3).join('\n')).toEqual([]);
    // Every instance served some of the load.
    for (let s = 0; s < 3; s += 1) expect(outcomes.filter((o) => o.via === s && o.status === 'ok').length).toBeGreaterThan(0);

    // (a) The per-minute limit is global: exactly the tier's N across the three, the rest RATE_LIMITED.
    const hotOutcomes = outcomes.filter((o) => o.user === hot.id);
    // (Soft: a broken limit must not hide what (b) and (c) would say.)
    expect.soft(hotOutcomes.filter((o) => o.status === 'ok')).toHaveLength(HOT_PER_MINUTE);
    expect.soft(hotOutcomes.filter((o) => o.status === 'limited')).toHaveLength(HOT_BURST - HOT_PER_MINUTE);
    // Below their limits and with credit to spare, nobody else was refused.
    expect(outcomes.filter((o) => o.user !== hot.id && o.user !== poor.id && o.status !== 'ok')).toEqual([]);
    // The poor account: some served, the rest refused for credit (never for anything else).
    const poorOk = outcomes.filter((o) => o.user === poor.id && o.status === 'ok').length;
    expect(poorOk).toBeGreaterThan(0);
    expect(outcomes.filter((o) => o.user === poor.id && o.status !== 'ok').every((o) => o.status === 'insufficient')).toBe(true);
    expect(poorOk).toBeLessThan(POOR_CALLS);
    const served = [0, 1, 2].map((s) => outcomes.filter((o) => o.via === s && o.status === 'ok').length);
    console.log(
      `[three-instances] ${outcomes.length} calls, served per replica ${served.join('/')}, hot ${HOT_BURST} → ${HOT_PER_MINUTE} expected, poor ${poorOk}/${POOR_CALLS} served`,
    );
    // The provider saw exactly the admitted calls: a refused call never reached it.
    const admitted = outcomes.filter((o) => o.status === 'ok').length;
    expect.soft(admitted).toBe(ACCOUNTS * CALLS_EACH + HOT_PER_MINUTE + watched.length * WATCHED_CALLS + poorOk);
    expect(openai.requests.filter((r) => r.path === '/v1/chat/completions')).toHaveLength(admitted);

    // (c) The ledger: audit clean; per account, balance = grants − debits − charged usage (and the
    // daily rollup agrees with the events), nothing held, nothing negative.
    const everyone = [...many, hot, ...watched, poor];
    const ledgers = await accountLedgers(
      db.url,
      everyone.map((u) => u.id),
    );
    expect(ledgers.size).toBe(everyone.length);
    for (const user of everyone) {
      const ledger = ledgers.get(user.id)!;
      const own = outcomes.filter((o) => o.user === user.id && o.status === 'ok');
      expect({
        balance: ledger.balance,
        held: ledger.held,
        activeHolds: ledger.activeHolds,
        okEvents: ledger.okEvents,
        rollup: [ledger.rollupCharged, ledger.rollupRequests],
      }).toEqual({
        balance: ledger.granted - ledger.debited - ledger.charged,
        held: 0n,
        activeHolds: 0,
        okEvents: own.length,
        rollup: [ledger.charged, own.length],
      });
      expect(ledger.balance).toBeGreaterThanOrEqual(0n);
      expect(ledger.charged).toBeGreaterThan(0n);
      // What GraphQL answered as charged is what the ledger charged (the /v1 answers do not say).
      if (own.every((o) => o.charged >= 0n)) expect(ledger.charged).toBe(own.reduce((sum, o) => sum + o.charged, 0n));
    }
    const usageEntries = await rows(db.url, `select coalesce(-sum(amount), 0)::text as spent from ledger_entry where type = 'usage'`);
    expect(BigInt(usageEntries[0].spent)).toBe([...ledgers.values()].reduce((sum, l) => sum + l.charged, 0n));
    expect(await rows(db.url, `select id from credit_hold where status = 'active'`)).toEqual([]);
    expect(await auditViolations(db.url)).toEqual([]);

    // (b) Live balance across instances: each watched account's subscription, on the instance that
    // served none of its calls, receives the balance the other two wrote last.
    for (const [i, user] of watched.entries()) {
      const final = formatCredits(ledgers.get(user.id)!.balance);
      expect(final).not.toBe('10.000000');
      await waitFor(() => watches[i]!.events.some((e) => e.balance === final), `instance ${i} to push balance ${final}`, 15_000).catch(() => undefined);
      expect.soft({ instance: i, errors: watches[i]!.errors, final: watches[i]!.events.find((e) => e.balance === final) }).toEqual({
        instance: i,
        errors: [],
        final: { balance: final, held: '0.000000', available: final },
      });
    }
    // The admin's view agrees with the direct audit.
    expect(data(await gql(servers[2]!, '{ ledgerAudit { violations } }', {}, admin), 'ledgerAudit').violations).toEqual([]);
  });
});
