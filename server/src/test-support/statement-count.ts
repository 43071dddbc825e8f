/**
 * Counts the SQL statements an app sends while a piece of work runs: the ledger's SqlPool (every
 * `query`, in or out of a transaction, BEGIN and COMMIT included) and the ORM's connection (knex's
 * `query` event), each with its text, so a failing budget says which statements it saw.
 */
import type { TestApp } from './app.js';

export interface Counted {
  sql: string[];
  orm: string[];
}

export async function countStatements<T>(t: TestApp, work: () => Promise<T>): Promise<{ result: T; counted: Counted }> {
  const counted: Counted = { sql: [], orm: [] };
  const pool = t.app.sql.pool as unknown as { Client: { prototype: { query: (...args: unknown[]) => unknown } }; _clients: unknown[] };
  const proto = pool.Client.prototype;
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    if (pool._clients.includes(this)) counted.sql.push(typeof args[0] === 'string' ? args[0] : String((args[0] as { text?: string })?.text));
    return original.apply(this, args);
  };
  const knex = (t.app.orm.em.getConnection() as unknown as { getKnex(): { on(e: string, f: (q: { sql: string }) => void): void; off(e: string, f: unknown): void } }).getKnex();
  const onQuery = (q: { sql: string }) => counted.orm.push(q.sql);
  knex.on('query', onQuery);
  try {
    const result = await work();
    return { result, counted };
  } finally {
    proto.query = original;
    knex.off('query', onQuery);
  }
}
