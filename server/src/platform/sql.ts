import pg from 'pg';

// bigint columns arrive as strings from pg; the ledger converts them with BigInt() where it reads them.
export type Row = Record<string, any>;

export interface Sql {
  query<T extends Row = Row>(text: string, params?: unknown[]): Promise<T[]>;
}

/** A checked-out connection: what SqlPool uses of a `pg` pool client. */
export interface PooledClient {
  query(text: string, params?: unknown[]): Promise<{ rows: any[] }>;
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

  async query<T extends Row = Row>(text: string, params: unknown[] = []): Promise<T[]> {
    const client = await this.pool.connect();
    try {
      return (await client.query(text, params)).rows as T[];
    } finally {
      client.release();
    }
  }

  /** Runs `fn` in one transaction (READ COMMITTED; callers lock what they change). */
  async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('begin');
      const tx: Sql = { query: async (text, params = []) => (await client.query(text, params)).rows };
      const result = await fn(tx);
      await client.query('commit');
      return result;
    } catch (err) {
      // A failed rollback means the connection is gone or confused: the pool must not hand it out again.
      await client.query('rollback').catch((e: Error) => void (broken = e));
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
