import pg from 'pg';
import { startThrowawayPostgres } from '../server/src/test-support/throwaway-postgres.js';

/** A throwaway database: a fresh one on DATABASE_URL's server, or on an embedded PostgreSQL. */
export async function benchDatabase(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = process.env.DATABASE_URL ? null : await startThrowawayPostgres();
  const admin = new URL(server?.url ?? process.env.DATABASE_URL!);
  admin.pathname = '/postgres';
  const name = `tollgate_bench_${Date.now()}`;
  const run = async (sql: string) => {
    const c = new pg.Client({ connectionString: admin.toString() });
    await c.connect();
    await c.query(sql).finally(() => c.end());
  };
  await run(`create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    close: async () => {
      await run(`drop database ${name} with (force)`);
      await server?.stop();
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
    console.log(`  ${row.name.padEnd(52)} ${row.opsPerSec.toFixed(0).padStart(8)} ops/s   ratio ${(row.opsPerSec / base).toFixed(3)}`);
  }
}

export type Gql = (query: string, variables?: Record<string, unknown>, token?: string) => Promise<any>;

/** POST /graphql; a GraphQL error throws (a refused call is fast, writes less, and would flatter every figure). */
export function graphqlClient(url: string): Gql {
  return async (query, variables = {}, token) => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: any; errors?: unknown[] };
    if (body.errors?.length || !body.data) throw new Error(`GraphQL failed: ${JSON.stringify(body.errors)}`);
    return body.data;
  };
}
