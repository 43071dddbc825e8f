import { execSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import 'reflect-metadata';
import { createApp, type App } from '../server/src/app.js';
import { loadConfig } from '../server/src/platform/config.js';
import { createLogger } from '../server/src/platform/logger.js';
import { checkSeed, type SeedCheck } from './analytics-check.js';
import { measureClose } from './analytics-close.js';
import { dropDatabase, ensureSeeded, type BenchDb } from './analytics-db.js';
import { captureStatements, explainAll, type Explained } from './analytics-explain.js';
import { buildOps, type Target } from './analytics-ops.js';
import { graphqlClient } from './support.js';
import { KEYS } from './analytics-shape.js';
import { percentile } from './gateway-support.js';

const ADMIN = { email: 'bench@tollgate.local', password: 'bench-password-1' };
const DAY_MS = 86_400_000;

/**
 * `pnpm bench analytics [--reuse] [--keep] [--seed-only]` (docs/bench-analytics.md): the admin
 * analytics over two databases of the same shape, 10k and 10M usage events, through the GraphQL
 * API of a server on each; medians of BENCH_ROUNDS (20) alternating rounds and the ratio 10M/10k,
 * then EXPLAIN (ANALYZE, BUFFERS) of every statement the calls sent, by table scanned.
 */
export async function analyticsBench(): Promise<void> {
  const flags = new Set(process.argv.slice(3));
  const reuse = flags.has('--reuse');
  const perKey = Number(process.env.BENCH_LARGE_PER_KEY ?? 1000);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 20);
  const largeName = perKey === 1000 ? 'tollgate_bench_10m' : `tollgate_bench_${KEYS * perKey}`;
  const log = (line: string) => console.log(line);
  console.log(`\nanalytics: disk before\n${disk()}`);
  const large = await ensureSeeded(largeName, perKey, reuse, log);
  let small = await ensureSeeded('tollgate_bench_10k', 1, reuse, log, large.lastDay);
  if (small.lastDay.getTime() !== large.lastDay.getTime()) small = await ensureSeeded('tollgate_bench_10k', 1, false, log, large.lastDay);
  try {
    const checks = [await checkSeed(small), await checkSeed(large)] as const;
    printSeed([small, large], checks);
    if (flags.has('--seed-only')) return;
    await measure([small, large], rounds);
  } finally {
    console.log(`\nanalytics: disk after\n${disk()}`);
    if (!flags.has('--keep')) {
      await dropDatabase(small.name);
      await dropDatabase(large.name);
      console.log(`  dropped ${small.name} and ${large.name} (--keep keeps them; --reuse then skips the seed)`);
    }
  }
}

function printSeed(dbs: BenchDb[], checks: readonly SeedCheck[]): void {
  console.log('\nseed (same users, days, models, payments and ledger; only the usage events differ):');
  dbs.forEach((db, i) => {
    const c = checks[i]!;
    const steps = Object.entries(db.seedSeconds)
      .map(([k, s]) => `${k} ${s.toFixed(1)} s`)
      .join(', ');
    const total = Object.values(db.seedSeconds).reduce((a, b) => a + b, 0);
    console.log(
      `  ${db.name}: ${c.events.toLocaleString('en')} usage events, ${c.rollupRows.toLocaleString('en')} usage_daily rows, ${c.ledgerEntries} ledger entries, ${c.grants} grants, ${c.payments} payments, ${(c.sizeBytes / 2 ** 20).toFixed(0)} MiB`,
    );
    console.log(`    seed time ${total.toFixed(1)} s (${steps})`);
    console.log(
      `    Σ events = Σ rollup: ${c.eventSums === c.rollupSums ? 'yes' : `NO (${c.eventSums} vs ${c.rollupSums})`}; one event through UsageStore.record adds exactly itself to its seeded row: ${c.perEventWriteMatches ? 'yes' : 'NO'}`,
    );
  });
  const same = checks[0]!.rollupDigest === checks[1]!.rollupDigest;
  console.log(`  the two rollups are identical row for row, request counts aside: ${same ? 'yes' : 'NO'} (md5 ${checks[0]!.rollupDigest})`);
  if (!same || checks.some((c) => c.eventSums !== c.rollupSums || !c.perEventWriteMatches)) throw new Error('seed check failed');
}

async function measure(dbs: BenchDb[], rounds: number): Promise<void> {
  const apps: App[] = [];
  const pools: pg.Pool[] = [];
  try {
    const targets: Target[] = [];
    for (const db of dbs) {
      const app = await startApp(db, apps.length);
      apps.push(app);
      const pool = new pg.Pool({ connectionString: db.url, max: 2 });
      pools.push(pool);
      const url = `http://127.0.0.1:${await app.listen()}`;
      const gql = graphqlClient(url);
      const token = (await gql('mutation($i: SignInInput!) { signIn(input: $i) { token } }', { i: ADMIN })).signIn.token as string;
      // The 30 UTC days that end with the seed's last day (today when it was seeded).
      const to = new Date(db.lastDay.getTime() + DAY_MS);
      targets.push({ label: db.name, url, gql, token, pool, range: { from: new Date(to.getTime() - 30 * DAY_MS).toISOString(), to: to.toISOString() } });
    }
    await measureClose(targets[0]!, targets[1]!);
    const ops = await buildOps(targets[0]!);
    console.log(
      `\ntiming: ${rounds} rounds, each operation once per database per round, alternating which database goes first; range ${targets[0]!.range.from.slice(0, 10)} to ${targets[0]!.range.to.slice(0, 10)} (30 days)`,
    );
    const timed = async (fn: () => Promise<unknown>) => {
      const started = process.hrtime.bigint();
      const answer = await fn();
      return { ms: Number(process.hrtime.bigint() - started) / 1e6, answer };
    };
    const samples = new Map<string, number[]>();
    const answers = new Map<string, string>();
    for (const op of ops) {
      for (const t of targets) {
        const first = await timed(() => op.call(t)); // the days are closed already (measureClose)
        answers.set(`${op.name} ${t.label}`, JSON.stringify(first.answer, withoutCounts));
        console.log(`  first call ${op.name} on ${t.label}: ${first.ms.toFixed(1)} ms${op.standIn ? '  (STAND-IN SQL: the API is not implemented yet)' : ''}`);
        for (let i = 0; i < 3; i++) await op.call(t); // warm-up
      }
    }
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 === 0 ? targets : [...targets].reverse();
      for (const op of ops) {
        for (const t of order) {
          const { ms } = await timed(() => op.call(t));
          samples.set(`${op.name} ${t.label}`, [...(samples.get(`${op.name} ${t.label}`) ?? []), ms]);
        }
      }
    }
    const [s, l] = targets as [Target, Target];
    console.log(
      `\n| operation | median ${s.label} | median ${l.label} | ratio 10M/10k | p90 ${s.label} | p90 ${l.label} | same figures (request counts aside) |`,
    );
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | --- |');
    for (const op of ops) {
      const [a, b] = [samples.get(`${op.name} ${s.label}`)!, samples.get(`${op.name} ${l.label}`)!];
      const same = answers.get(`${op.name} ${s.label}`) === answers.get(`${op.name} ${l.label}`);
      const name = op.standIn ? `${op.name} (stand-in)` : op.name;
      console.log(
        `| ${name} | ${percentile(a, 50).toFixed(2)} ms | ${percentile(b, 50).toFixed(2)} ms | ${(percentile(b, 50) / percentile(a, 50)).toFixed(2)} | ${percentile(a, 90).toFixed(2)} ms | ${percentile(b, 90).toFixed(2)} ms | ${same ? 'yes' : 'no'} |`,
      );
    }
    await explainOps(ops, targets);
  } finally {
    for (const app of apps) await app.stop();
    for (const pool of pools) await pool.end();
  }
}

/** Every statement one call sends, explained with its parameters on both databases: rows by table. */
async function explainOps(ops: Awaited<ReturnType<typeof buildOps>>, targets: Target[]): Promise<void> {
  console.log('\nEXPLAIN (ANALYZE, BUFFERS) of every statement one call sends (rows returned by the scans of each table; 10k → 10M):');
  let eventScans = 0;
  for (const op of ops) {
    const perDb: Explained[][] = [];
    for (const t of targets) {
      const database = new URL(t.pool.options.connectionString!).pathname.slice(1);
      const statements = await captureStatements(database, () => op.call(t));
      perDb.push(await explainAll(t.pool.options.connectionString!, statements));
    }
    console.log(`  ${op.name}: ${perDb[1]!.length} statements`);
    const unmatched = [...perDb[0]!];
    perDb[1]!.forEach((e) => {
      // The same statement on the small database (a call may send its statements in another order there).
      const twin = unmatched.findIndex((x) => x.statement === e.statement);
      const smallRows = twin >= 0 ? unmatched.splice(twin, 1)[0]!.scanned : {};
      const tables =
        Object.entries(e.scanned)
          .map(([table, rows]) => `${table} ${smallRows[table] ?? '?'} → ${rows}`)
          .join(', ') || 'no table';
      if (e.scanned.usage_event !== undefined) eventScans++;
      console.log(`    ${e.ms.toFixed(2).padStart(8)} ms ${String(e.sharedBlocks).padStart(6)} blocks  ${tables}   ${e.statement.slice(0, 110)}`);
    });
  }
  console.log(`  statements that read usage_event: ${eventScans}`);
}

async function startApp(db: BenchDb, n: number): Promise<App> {
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
      DATABASE_URL: db.url,
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      REDIS_KEY_PREFIX: `bench-analytics-${n}:`,
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret',
      TOLLGATE_ENCRYPTION_KEY: 'cd'.repeat(32),
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
    },
    { dataDir: mkdtempSync(join(tmpdir(), 'tollgate-bench-data-')) },
  );
  return createApp(config, createLogger(config.LOG_LEVEL));
}

/** Request counts differ by design (they count the events, also in a reconciliation's words); every other figure must be equal. */
const withoutCounts = (key: string, value: unknown) =>
  /requests$/i.test(key) ? undefined : key === 'explanation' && typeof value === 'string' ? value.replace(/\d+ failed call/g, 'N failed call') : value;

const disk = () => execSync('df -h /work', { encoding: 'utf8' }).trimEnd();
