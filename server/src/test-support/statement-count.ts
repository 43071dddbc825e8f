/**
 * Counts the SQL statements an app sends while a piece of work runs, on its one pool: named SQL
 * (every SqlPool `query`, in or out of a transaction, BEGIN and COMMIT included, seen on the
 * clients SqlPool checks out) and the EntityManager's (knex's `query` event), each with its text,
 * so a failing budget says which statements it saw.
 */
import type { PooledClient } from '../platform/sql.js';
import type { TestApp } from './app.js';

export interface Counted {
  sql: string[];
  orm: string[];
}

export async function countStatements<T>(t: TestApp, work: () => Promise<T>): Promise<{ result: T; counted: Counted }> {
  const counted: Counted = { sql: [], orm: [] };
  const pool = t.app.sql.pool as { connect(): Promise<PooledClient> };
  const connect = pool.connect;
  pool.connect = async function (this: unknown) {
    const client = await connect.call(this);
    return {
      query: (config: { text: string; values: unknown[]; name?: string }) => {
        counted.sql.push(config.text);
        return client.query(config);
      },
      release: (err?: Error | boolean) => client.release(err),
    };
  };
  const knex = (
    t.app.orm.em.getConnection() as unknown as { getKnex(): { on(e: string, f: (q: { sql: string }) => void): void; off(e: string, f: unknown): void } }
  ).getKnex();
  const onQuery = (q: { sql: string }) => counted.orm.push(q.sql);
  knex.on('query', onQuery);
  try {
    const result = await work();
    return { result, counted };
  } finally {
    pool.connect = connect;
    knex.off('query', onQuery);
  }
}
