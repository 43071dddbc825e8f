import 'reflect-metadata';
import pg from 'pg';
import { seedCatalog } from '../server/src/modules/catalog/catalog.seed.js';
import { connectDatabase, migrate } from '../server/src/platform/db.js';
import { createLogger } from '../server/src/platform/logger.js';
import { SqlPool } from '../server/src/platform/sql.js';
import { seedLedger } from './analytics-ledger.js';
import { BATCH, markStep, seedEventBatch, seedRollup, seedUsersAndKeys, stepsDone } from './analytics-seed.js';
import { DAYS, KEYS } from './analytics-shape.js';
import { ledgerConsistent, splitUsageEntries } from './analytics-ledger-split.js';

export interface BenchDb {
  name: string;
  url: string;
  perKey: number;
  /** Seconds each seed step took when it ran (from the database, so --reuse still reports them). */
  seedSeconds: Record<string, number>;
  /** The seed's last UTC day (its "today"), as a UTC midnight. */
  lastDay: Date;
}

const serverUrl = () => process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres';

export function databaseUrl(name: string): string {
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

export async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: databaseUrl('postgres') });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export const dropDatabase = (name: string) => admin((c) => c.query(`drop database if exists ${name} with (force)`));

/**
 * A bench database with `perKey` usage events per rollup key, migrated by the server's migrations
 * and seeded step by step; each step is recorded in the database when it commits, so with
 * `reuse` a complete database is used as it is and an interrupted one resumes where it stopped.
 */
export async function ensureSeeded(name: string, perKey: number, reuse: boolean, log: (line: string) => void, today?: Date): Promise<BenchDb> {
  const exists = await admin(async (c) => (await c.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1);
  if (exists && !reuse) await dropDatabase(name);
  if (!exists || !reuse) await admin((c) => c.query(`create database ${name}`));
  const url = databaseUrl(name);
  const silent = createLogger('silent');
  const orm = await connectDatabase(url, silent);
  await migrate(orm, url, silent);
  await orm.close(true);
  const sql = new SqlPool(url);
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  try {
    const done = await stepsDone(pool);
    const now = new Date();
    const step = async (stepName: string, fn: () => Promise<string>) => {
      if (done.has(stepName)) return;
      const started = process.hrtime.bigint();
      const what = await fn();
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      await markStep(pool, stepName, seconds);
      log(`  ${name}: ${stepName.padEnd(8)} ${seconds.toFixed(1).padStart(7)} s   ${what}`);
    };
    // The seed's "today" (its last day) is fixed when the keys are seeded, so resuming the next day keeps the same days;
    // the small database takes the large one's, so that both hold the same days.
    await step('catalog', async () => `${JSON.stringify(await seedCatalog(sql))}`);
    await step('users', async () => {
      await seedUsersAndKeys(pool, today ?? utcMidnight(now), now);
      return `${KEYS} rollup keys`;
    });
    const lastDay = new Date((await pool.query<{ d: Date }>('select max(day_start) as d from bench_seed_key')).rows[0]!.d);
    const batches = Math.ceil((KEYS * perKey) / BATCH);
    const eventsStarted = process.hrtime.bigint();
    let inserted = 0;
    for (let b = 0; b < batches; b++) {
      if (done.has(`events:${b}`)) continue;
      inserted += await seedEventBatch(pool, perKey, b);
      const seconds = Number(process.hrtime.bigint() - eventsStarted) / 1e9;
      log(`  ${name}: events batch ${b + 1}/${batches}, ${inserted.toLocaleString('en')} rows this run, ${seconds.toFixed(1)} s`);
    }
    if (inserted > 0) await markStep(pool, `events+${Date.now()}`, Number(process.hrtime.bigint() - eventsStarted) / 1e9);
    await step('rollup', async () => `${await seedRollup(pool)} usage_daily rows`);
    await step('ledger', async () => JSON.stringify(await seedLedger(pool, sql, lastDay, now)));
    const splitStarted = process.hrtime.bigint();
    let split = 0;
    for (let day = 0; day < DAYS; day++) {
      if (done.has(`ledger-split:${day}`)) continue;
      split += await splitUsageEntries(pool, lastDay, day);
      if (day % 10 === 9)
        log(`  ${name}: ledger split through day ${day + 1}/${DAYS}, ${split} entries, ${(Number(process.hrtime.bigint() - splitStarted) / 1e9).toFixed(1)} s`);
    }
    if (split > 0) {
      const seconds = Number(process.hrtime.bigint() - splitStarted) / 1e9;
      await markStep(pool, `ledger-split+${Date.now()}`, seconds);
      log(
        `  ${name}: ledger split ${seconds.toFixed(1).padStart(7)} s   ${split} usage entries, one per charged event (ledger consistent: ${await ledgerConsistent(pool)})`,
      );
    }
    await step('vacuum-analyze', async () => {
      await pool.query('vacuum analyze');
      return 'vacuum analyze (what autovacuum does after a bulk load)';
    });
    const seedSeconds: Record<string, number> = {};
    for (const r of (await pool.query<{ name: string; seconds: string }>('select name, seconds from bench_seed_step')).rows) {
      const key = r.name.replace(/[+:].*$/, '');
      seedSeconds[key] = (seedSeconds[key] ?? 0) + Number(r.seconds);
    }
    return { name, url, perKey, seedSeconds, lastDay };
  } finally {
    await pool.end();
    await sql.close();
  }
}

export const utcMidnight = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
