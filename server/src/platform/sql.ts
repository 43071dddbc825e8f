import pg from 'pg';

// bigint columns arrive as strings from pg; the ledger converts them with BigInt() where it reads them.
export type Row = Record<string, any>;

export interface Sql {
  query<T extends Row = Row>(text: string, params?: unknown[]): Promise<T[]>;
}

/**
 * Plain `pg` for the money path: the ledger writes a handful of hand-written statements per
 * operation, and going through the ORM would add a layer to the hottest code without giving it
 * anything. Entities and the ORM serve everything else.
 */
export class SqlPool implements Sql {
  readonly pool: pg.Pool;

  constructor(connectionString: string, max = 20) {
    this.pool = new pg.Pool({ connectionString, max });
    // An idle client losing its connection must not crash the process; the next checkout reconnects.
    this.pool.on('error', () => undefined);
  }

  async query<T extends Row = Row>(text: string, params: unknown[] = []): Promise<T[]> {
    return (await this.pool.query(text, params)).rows as T[];
  }

  /** Runs `fn` in one transaction (READ COMMITTED; callers lock what they change). */
  async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      const tx: Sql = { query: async (text, params = []) => (await client.query(text, params)).rows };
      const result = await fn(tx);
      await client.query('commit');
      return result;
    } catch (err) {
      await client.query('rollback').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
