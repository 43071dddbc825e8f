import { MikroORM, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import pg from 'pg';
import { entities } from '../entities.js';
import { migrationsList } from '../migrations/index.js';
import { scrubSqlValues } from './log-scrub.js';
import type { Logger } from './logger.js';
import type { ConnectionPool, PooledClient } from './sql.js';

export type Orm = MikroORM;

/** The name each connection reports to PostgreSQL (pg_stat_activity.application_name). */
export const APPLICATION_NAME = 'tollgate';

export interface DatabaseOptions {
  /** The process's one pool: the EntityManager and named SQL (sql.ts) share it (DATABASE_POOL_MAX). */
  poolMax?: number;
  applicationName?: string;
}

export async function connectDatabase(clientUrl: string, log: Logger, options: DatabaseOptions = {}): Promise<Orm> {
  const orm = await MikroORM.init({
    driver: PostgreSqlDriver,
    clientUrl,
    entities,
    extensions: [Migrator],
    migrations: { migrationsList, transactional: true, allOrNothing: true, snapshot: false },
    pool: { min: 0, max: options.poolMax ?? 20 },
    driverOptions: { connection: { application_name: options.applicationName ?? APPLICATION_NAME } },
    // Each request forks its own EntityManager in the context factory; the global one is never used.
    allowGlobalContext: false,
    debug: false,
    colors: false, // JSON logs, no terminal colour codes
    // Should query logging ever be switched on, MikroORM's lines carry the SQL with its values
    // inlined; the migrator's lines (migration names in quotes) carry none.
    logger: (message) => log.debug({ component: 'orm' }, message.startsWith('[migrator]') ? message : scrubSqlValues(message)),
  });
  return orm;
}

/**
 * MikroORM's connection pool (knex's) seen as a ConnectionPool, so named SQL checks out the same
 * connections the EntityManager uses: raw `pg` clients, a statement is one round trip (knex adds
 * nothing on checkout: no SET, no validation query). MikroORM's connections parse timestamps and
 * dates as strings for its own hydration; named SQL asks for pg's default parsers per statement,
 * so its rows carry Date objects as they always have.
 */
export function ormConnectionPool(orm: Orm): ConnectionPool {
  const knexClient = (orm.em.getConnection().getKnex() as unknown as { client: KnexClient }).client;
  let ending = false;
  return {
    get ending() {
      return ending || !knexClient.pool;
    },
    options: { max: orm.config.get('pool')?.max ?? 20 },
    async connect(): Promise<PooledClient> {
      if (ending) throw new Error('the database pool is closing');
      const connection = await knexClient.acquireConnection();
      let released = false;
      return {
        query: (config) => connection.query({ ...config, types: pg.types }),
        release: (err) => {
          if (released) return;
          released = true;
          // knex's pool drops a connection marked disposed the next time it would hand it out.
          if (err instanceof Error) connection.__knex__disposed = err;
          void knexClient.releaseConnection(connection);
        },
      };
    },
    // The ORM owns the connections: orm.close() ends them, once.
    async end() {
      ending = true;
    },
  };
}

interface KnexConnection extends pg.Client {
  __knex__disposed?: unknown;
}

interface KnexClient {
  pool?: unknown;
  acquireConnection(): Promise<KnexConnection>;
  releaseConnection(connection: KnexConnection): Promise<void>;
}

const MIGRATION_LOCK = 7_461_001; // an arbitrary constant shared by every Tollgate process

/**
 * Applies pending migrations. Several replicas may start at once, so the migrator runs under a
 * session advisory lock held on its own connection: the second replica waits, then finds nothing to do.
 */
export async function migrate(orm: Orm, clientUrl: string, log: Logger): Promise<void> {
  // Outside the pool on purpose (a session lock must not go back to it), closed before the app serves.
  const lock = new pg.Client({ connectionString: clientUrl, application_name: `${APPLICATION_NAME}-migrate` });
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await orm.getMigrator().up();
    if (applied.length > 0) log.info({ migrations: applied.map((m) => m.name) }, 'applied migrations');
  } finally {
    await lock.end();
  }
}
