import pg from 'pg';
import { FakeOpenAi } from '../server/src/modules/gateway/__tests__/fakes/fake-openai.js';
import { diffCounts, diffPg, PgCounters, RedisMonitor, redisCommandStats, type PgSnapshot } from './hotpath-counters.js';
import { countsReport } from './hotpath-report.js';
import { benchAccounts, signIn, startBenchApp } from './hotpath-setup.js';
import { startPrivatePostgres, startPrivateRedis } from './private-servers.js';
import { latencies } from './gateway-support.js';

const DATABASE = 'tollgate_hotpath';
const PROMPT = 'Say hello to the toll gate.';
const COMPLETE = `mutation($i: CompletionInput!) { complete(input: $i) { id charged balance { available } } }`;

/**
 * What one completion costs in round trips, counted by the servers themselves (`pnpm bench hotpath`):
 * PostgreSQL statements per normalized text (pg_stat_statements) and commits (pg_stat_database), and
 * Redis commands (INFO commandstats, with MONITOR telling script internals from what clients sent),
 * read before and after HOTPATH_N (default 300) non-streaming, uncached completions through API keys
 * spread over HOTPATH_ACCOUNTS (default 32) accounts, HOTPATH_IN_FLIGHT (default 1) at a time.
 * PostgreSQL and Redis are private to the run, so nobody else's traffic is counted. No timing:
 * these are counts, printed against the goal, never asserted.
 */
export async function hotpathBench(): Promise<void> {
  const n = Number(process.env.HOTPATH_N ?? 300);
  const accounts = Number(process.env.HOTPATH_ACCOUNTS ?? 32);
  const inFlight = Number(process.env.HOTPATH_IN_FLIGHT ?? 1);
  const postgres = await startPrivatePostgres();
  const redis = await startPrivateRedis().catch(async (err) => {
    await postgres.stop();
    throw err;
  });
  const fake = await FakeOpenAi.start();
  const stops: Array<() => Promise<unknown>> = [() => fake.close(), () => redis.stop(), () => postgres.stop()];
  try {
    await adminQuery(postgres.url, `create database ${DATABASE}`);
    const dbUrl = new URL(postgres.url);
    dbUrl.pathname = `/${DATABASE}`;
    const { stop, gql } = await startBenchApp(dbUrl.toString(), redis.url, fake.baseURL);
    stops.unshift(stop);
    const secrets = await benchAccounts(gql, redis.port, accounts);
    let next = 0;
    const complete = () =>
      gql(COMPLETE, { i: { model: 'openai/gpt-4o-mini', prompt: PROMPT, maxTokens: 64, useCache: false } }, secrets[next++ % secrets.length]);
    // Warm up: every key once (caches, prepared plans), then a few more, before counting anything.
    await latencies(accounts * 2 + 20, inFlight, complete);

    const counters = await PgCounters.open(postgres.url, DATABASE);
    stops.unshift(() => counters.close());
    const monitor = new RedisMonitor(redis.port);
    stops.unshift(async () => monitor.stop());
    await new Promise((r) => setTimeout(r, 300));
    const reader = diffCounts(await redisCommandStats(redis.port), await redisCommandStats(redis.port)); // the reader's own INFO

    console.log(
      `\nhot path: ${n} completions (openai/gpt-4o-mini via a fake, useCache false, API keys), ${accounts} accounts, ${inFlight} in flight; private PostgreSQL and Redis`,
    );
    const measure = async (work: () => Promise<unknown>) => {
      const pgBefore = await counters.snapshot();
      monitor.reset();
      const redisBefore = await redisCommandStats(redis.port);
      await work();
      const pgAfter = await counters.snapshot();
      const redisAfter = await redisCommandStats(redis.port);
      const sent = new Map(monitor.sent);
      sent.delete('info');
      return {
        pg: diffPg(pgBefore, pgAfter),
        redis: diffCounts(redisBefore, redisAfter, reader),
        sent,
        inScripts: new Map(monitor.inScripts),
        shapes: new Map(monitor.shapes),
      };
    };
    const fakeBefore = fake.requests.length;
    let seconds = 0;
    const run = await measure(async () => {
      const started = process.hrtime.bigint();
      await latencies(n, inFlight, complete);
      seconds = Number(process.hrtime.bigint() - started) / 1e9;
    });
    if (fake.requests.length - fakeBefore !== n) throw new Error(`expected ${n} provider calls (cache bypassed), saw ${fake.requests.length - fakeBefore}`);
    // Background work (sweepers, leases, pub/sub) over as long a window with no traffic, for comparison.
    const idle = await measure(() => new Promise((r) => setTimeout(r, seconds * 1000)));

    console.log(countsReport(n, run, idle));
    const audit = await gql('{ ledgerAudit { accountsChecked violations } }', {}, await signIn(gql));
    console.log(`\n  ledger audit after the run: ${audit.ledgerAudit.accountsChecked} accounts, ${audit.ledgerAudit.violations.length} violations`);
  } finally {
    for (const stop of stops) await stop().catch((err) => console.error('bench cleanup:', err));
  }
}

export interface Counted {
  pg: PgSnapshot;
  redis: Map<string, number>;
  sent: Map<string, number>;
  inScripts: Map<string, number>;
  shapes: Map<string, number>;
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(sql).finally(() => c.end());
}
