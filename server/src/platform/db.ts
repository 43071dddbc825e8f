import { MikroORM, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import pg from 'pg';
import { entities } from '../entities.js';
import { migrationsList } from '../migrations/index.js';
import { scrubSqlValues } from './log-scrub.js';
import type { Logger } from './logger.js';

export type Orm = MikroORM;

export async function connectDatabase(clientUrl: string, log: Logger): Promise<Orm> {
  const orm = await MikroORM.init({
    driver: PostgreSqlDriver,
    clientUrl,
    entities,
    extensions: [Migrator],
    migrations: { migrationsList, transactional: true, allOrNothing: true, snapshot: false },
    pool: { min: 0, max: 20 },
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

const MIGRATION_LOCK = 7_461_001; // an arbitrary constant shared by every Tollgate process

/**
 * Applies pending migrations. Several replicas may start at once, so the migrator runs under a
 * session advisory lock held on its own connection: the second replica waits, then finds nothing to do.
 */
export async function migrate(orm: Orm, clientUrl: string, log: Logger): Promise<void> {
  const lock = new pg.Client({ connectionString: clientUrl });
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await orm.getMigrator().up();
    if (applied.length > 0) log.info({ migrations: applied.map((m) => m.name) }, 'applied migrations');
  } finally {
    await lock.end();
  }
}
