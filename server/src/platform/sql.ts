import { createHash } from 'node:crypto';
import pg from 'pg';

// bigint columns arrive as strings from pg; the ledger converts them with BigInt() where it reads them.
export type Row = Record<string, any>;

export interface QueryOptions {
  /**
   * Send it as a named prepared statement: PostgreSQL parses and plans it once per connection and
   * then reuses the plan (after five runs, a generic one). For the few hot statements whose text is
   * fixed (the hold, the settle): never for text built from values, each text is one statement kept
   * on every connection for its life.
   */
  prepare?: boolean;
}

export interface Sql {
  query<T extends Row = Row>(text: string, params?: unknown[], options?: QueryOptions): Promise<T[]>;
}

const names = new Map<string, string>();

/** A stable name per statement text (the prepared statement's name on every connection). */
export function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `tg_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    names.set(text, name);
  }
  return name;
}

/** The `pg` query config for a statement. */
export const queryConfig = (text: string, values: unknown[], options?: QueryOptions) =>
  options?.prepare ? { name: statementName(text), text, values } : { text, values };

/** A checked-out connection: what SqlPool uses of a `pg` pool client. */
export interface PooledClient {
  query(config: { text: string; values: unknown[]; name?: string }): Promise<{ rows: any[] }>;
  release(err?: Error | boolean): void;
}

/**
 * Where SqlPool takes its connections from: pg.Pool has this shape (tools and tests that run
 * without an app), and so does the view of MikroORM's pool (db.ts `ormConnectionPool`) the app uses.
 */
export interface ConnectionPool {
  /** True once the pool is closing: background timers stop on it. */
  readonly ending: boolean;
  readonly options: { max: number };
  connect(): Promise<PooledClient>;
  end(): Promise<void>;
}

/**
 * Named SQL: the ledger's hot statements (and the other hand-written ones) sent as written, one
 * round trip each, on a checked-out client. In the app it runs on the SAME pool as MikroORM's
 * EntityManager (db.ts), so the process holds one pool of DATABASE_POOL_MAX connections; a
 * connection string instead opens a plain `pg` pool of its own, for tools and tests without an ORM.
 */
export class SqlPool implements Sql {
  readonly pool: ConnectionPool;

  constructor(source: string | ConnectionPool, max = 20) {
    if (typeof source === 'string') {
      const own = new pg.Pool({ connectionString: source, max });
      // An idle client losing its connection must not crash the process; the next checkout reconnects.
      own.on('error', () => undefined);
      this.pool = own as unknown as ConnectionPool;
    } else {
      this.pool = source;
    }
  }

  async query<T extends Row = Row>(text: string, params: unknown[] = [], options?: QueryOptions): Promise<T[]> {
    const client = await this.pool.connect();
    try {
      return (await client.query(queryConfig(text, params, options))).rows as T[];
    } finally {
      client.release();
    }
  }

  /** Runs `fn` in one transaction (READ COMMITTED; callers lock what they change). */
  async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query({ text: 'begin', values: [] });
      const tx: Sql = { query: async (text, params = [], options) => (await client.query(queryConfig(text, params, options))).rows };
      const result = await fn(tx);
      await client.query({ text: 'commit', values: [] });
      return result;
    } catch (err) {
      // A failed rollback means the connection is gone or confused: the pool must not hand it out again.
      await client.query({ text: 'rollback', values: [] }).catch((e: Error) => void (broken = e));
      throw err;
    } finally {
      client.release(broken);
    }
  }

  /** Closes the pool this SqlPool opened; on the ORM's pool it only marks it ending (the ORM closes it). */
  close(): Promise<void> {
    return this.pool.end();
  }
}
