import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { benchAccounts, graphqlClient } from './hotpath-setup.js';
import type { LoadJob } from './peer-load.js';
import { CpuMeter, type CpuRound } from './peer-cpu.js';
import { captureStatements, countingWindow, DATABASE, rowsOf } from './peer-measure.js';
import { startFake, startLoad, startPortkey, startTollgate } from './peer-children.js';
import { pgbenchRunner, pgbenchScript } from './peer-pgbench.js';
import { topSelfTime } from './peer-profile.js';
import { cpuTable, median, peerTables } from './peer-report.js';
import { startPrivatePostgres, startPrivateRedis } from './private-servers.js';

const PGBENCH_ROLE = 'peer_pgbench';
const messages = [{ role: 'user', content: 'Say hello to the toll gate.' }];
const body = (model: string) => JSON.stringify({ model, messages, max_tokens: 64 });

/**
 * Tollgate against its peers, in one run (`pnpm bench peer`; docs/bench-peer.md): the fake OpenAI
 * provider called directly, Tollgate's built server in production mode (many accounts, and one hot
 * account), Portkey's gateway, and pgbench replaying the SQL of one Tollgate completion. Rounds
 * alternate the contenders (A B C D A B C D …) and each figure is the median over rounds. Then a
 * counting window reads per-completion statements, commits and Redis commands from the servers.
 * Prints figures and the goals as PASS/MISS; fails only when a call fails.
 */
export async function peerBench(): Promise<void> {
  const rounds = Number(process.env.PEER_ROUNDS ?? 3);
  const seconds1 = Number(process.env.PEER_SECONDS_1 ?? 2);
  const secondsN = Number(process.env.PEER_SECONDS_N ?? 3);
  const inFlight = Number(process.env.PEER_IN_FLIGHT ?? 32);
  const accounts = Number(process.env.PEER_ACCOUNTS ?? 64);
  const countN = Number(process.env.PEER_COUNT_N ?? 400);
  const profDir = process.env.PEER_CPU_PROF ? mkdtempSync(join(tmpdir(), 'tollgate-peer-prof-')) : undefined;
  const stops: Array<() => Promise<unknown>> = [];
  const started = Date.now();
  let serverLog = () => '';
  try {
    const postgres = await startPrivatePostgres();
    stops.unshift(() => postgres.stop());
    const redis = await startPrivateRedis();
    stops.unshift(() => redis.stop());
    await adminQuery(
      postgres.url,
      `create database ${DATABASE}`,
      `create role ${PGBENCH_ROLE} login superuser`,
      'create extension if not exists pg_stat_statements',
    );
    const dbUrl = withPath(postgres.url, DATABASE);
    const fake = await startFake();
    stops.unshift(() => fake.stop());
    const load = await startLoad();
    stops.unshift(() => load.stop());
    // PEER_POOL_MAX: Tollgate's DATABASE_POOL_MAX (unset: the server's default, 20; the ceiling's pgbench opens one connection per request in flight).
    const poolMax = process.env.PEER_POOL_MAX ? Number(process.env.PEER_POOL_MAX) : undefined;
    const tollgate = await startTollgate({ databaseUrl: dbUrl, redisUrl: redis.url, openAiBaseUrl: fake.baseURL, cpuProfDir: profDir, poolMax });
    stops.unshift(() => tollgate.stop());
    serverLog = tollgate.log;
    const portkey = await startPortkey();
    stops.unshift(() => portkey.stop());
    const cpu = new CpuMeter({
      postgresDataDir: postgres.dataDir,
      pids: { tollgate: tollgate.pid, redis: redis.pid, fake: fake.pid, load: load.pid, portkey: portkey.pid },
    });
    const cpuRounds: { tollgate: CpuRound[]; portkey: CpuRound[]; sql: CpuRound[] } = { tollgate: [], portkey: [], sql: [] };
    const gql = graphqlClient(tollgate.url);
    const secrets = await benchAccounts(gql, redis.port, accounts);

    const tollgateJob = (keys: string[]): Omit<LoadJob, 'inFlight' | 'seconds'> => ({
      url: `${tollgate.url}/v1/chat/completions`,
      headers: { 'cache-control': 'no-cache' },
      keys,
      body: body('openai/gpt-4o-mini'),
      mustHeader: ['x-tollgate-cached', 'false'],
    });
    const http = {
      direct: { url: `${fake.baseURL}/chat/completions`, headers: { authorization: 'Bearer sk-bench' }, body: body('gpt-4o-mini') },
      tollgate: tollgateJob(secrets),
      hot: tollgateJob(secrets.slice(0, 1)),
      portkey: {
        url: `${portkey.url}/v1/chat/completions`,
        body: body('gpt-4o-mini'),
        headers: { authorization: 'Bearer sk-bench', 'x-portkey-provider': 'openai', 'x-portkey-custom-host': fake.baseURL },
      },
    };
    console.log(
      `\npeer: ${accounts} accounts, ${rounds} alternating rounds of ${seconds1} s at 1 in flight and ${secondsN} s at ${inFlight}; setup took ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
    for (const job of Object.values(http)) await load.run({ ...job, inFlight, seconds: 1 }); // warm up JIT, pools, caches

    // The SQL of one completion, from PostgreSQL's log, and a pgbench script per account.
    const one = (key: string) => load.run({ ...tollgateJob([key]), inFlight: 1, seconds: 10, count: 1 });
    const captured = await captureStatements(postgres.url, secrets, one);
    console.log(`\nraw-SQL ceiling: ${captured.a1.length} statements per completion, captured from PostgreSQL's log:`);
    for (const s of captured.a1) console.log(`  ${s.sql.replace(/\s+/g, ' ').slice(0, 150)}`);
    const pgbench = pgbenchRunner(
      withUser(dbUrl, PGBENCH_ROLE),
      captured.mine.map((mine) => pgbenchScript(captured.a1, captured.a2, mine)),
    );
    if (!process.env.PEER_KEEP_SCRIPTS) stops.unshift(async () => pgbench.close());
    else console.log(`pgbench scripts kept in ${pgbench.dir}`);
    let sqlTransactions = (await pgbench.run(inFlight, 1, false)).transactions; // warm up, and a check that the scripts run

    const lat: Record<'direct' | 'tollgate' | 'portkey' | 'sql', number[]> = { direct: [], tollgate: [], portkey: [], sql: [] };
    const rates: Record<'direct' | 'tollgate' | 'hot' | 'portkey' | 'sql', number[]> = { direct: [], tollgate: [], hot: [], portkey: [], sql: [] };
    const servedBefore = await fake.served();
    let httpCompleted = 0;
    const tollgateWindows: Array<[number, number]> = [];
    for (let r = 0; r < rounds; r++) {
      for (const name of ['direct', 'tollgate', 'portkey', 'sql'] as const) {
        if (name === 'sql') {
          const res = await pgbench.run(1, seconds1, true);
          sqlTransactions += res.transactions;
          lat.sql.push(median(res.latencies));
        } else {
          const res = await load.run({ ...http[name], inFlight: 1, seconds: seconds1 });
          httpCompleted += res.completed;
          lat[name].push(median(res.latencies));
        }
      }
      for (const name of ['direct', 'tollgate', 'hot', 'portkey', 'sql'] as const) {
        const before = cpu.snapshot();
        if (name === 'sql') {
          const res = await pgbench.run(inFlight, secondsN, false);
          sqlTransactions += res.transactions;
          rates.sql.push(res.tps);
          cpuRounds.sql.push(CpuMeter.perCompletion(before, cpu.snapshot(), res.transactions));
        } else {
          const from = Number(process.hrtime.bigint() / 1000n);
          const res = await load.run({ ...http[name], inFlight, seconds: secondsN });
          if (name === 'tollgate' || name === 'hot') tollgateWindows.push([from, Number(process.hrtime.bigint() / 1000n)]);
          if (name === 'tollgate' || name === 'portkey') cpuRounds[name].push(CpuMeter.perCompletion(before, cpu.snapshot(), res.completed));
          httpCompleted += res.completed;
          rates[name].push(res.completed / res.seconds);
        }
      }
      console.log(`  round ${r + 1}: ms at 1 in flight ${fmt(lat, r)}; per s at ${inFlight} ${fmt(rates, r)}`);
    }
    const served = (await fake.served()) - servedBefore;
    if (served !== httpCompleted) throw new Error(`the fake served ${served} completions, the contenders answered ${httpCompleted}: some skipped the provider`);
    const sqlRows = await rowsOf(postgres.url, PGBENCH_ROLE);

    const counts = await countingWindow(postgres.url, redis.port, () => load.run({ ...http.tollgate, inFlight, seconds: 120, count: countN }));
    const med = <K extends string>(o: Record<K, number[]>) =>
      Object.fromEntries(Object.entries(o).map(([k, v]) => [k, median(v as number[])])) as Record<K, number>;
    console.log(
      `\n${peerTables({
        latency: med(lat),
        rate: med(rates),
        accounts,
        inFlight,
        rounds,
        counts,
        ceiling: { statements: captured.a1.length, rows: sqlRows / sqlTransactions },
      })}`,
    );
    console.log(`\n${cpuTable(cpuRounds, med(rates), inFlight)}`);
    // No ledger audit here: the replay writes the balances it captured (absolute values the app had
    // computed), so the bench database's ledger no longer adds up once pgbench has run; it is thrown away.
    if (/backplane down/.test(tollgate.log())) {
      console.log(
        '\nWARNING: Tollgate logged "backplane down" (Redis commands timed out: an overloaded machine?); it ran degraded for a while, so its figures are not the normal path\'s.',
      );
    }
    if (profDir) {
      await tollgate.stop(); // exiting writes the profile (stopping again in cleanup is a no-op)
      console.log(`\n${topSelfTime(profDir, tollgateWindows)}`);
    }
    console.log(`\npeer bench took ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } catch (err) {
    if (serverLog()) console.error(`Tollgate's log (last 8 KB):\n${serverLog()}`);
    throw err;
  } finally {
    for (const stop of stops) await stop().catch((err) => console.error('bench cleanup:', err));
  }
}

async function adminQuery(url: string, ...statements: string[]): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    for (const sql of statements) await c.query(sql);
  } finally {
    await c.end();
  }
}

const withPath = (url: string, db: string) => Object.assign(new URL(url), { pathname: `/${db}` }).toString();
const withUser = (url: string, user: string) => Object.assign(new URL(url), { username: user }).toString();
const fmt = (o: Record<string, number[]>, r: number) =>
  Object.entries(o)
    .map(([k, v]) => `${k} ${v[r]!.toFixed(v[r]! < 100 ? 2 : 0)}`)
    .join(', ');
