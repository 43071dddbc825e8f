import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from './logger.js';

/** The Tollgate process that started the embedded PostgreSQL of a data folder: `<dataDir>/pg.owner`. */
const ownerFile = (dataDir: string) => join(dataDir, 'pg.owner');

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const readPid = (file: string): number | null => {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8').split('\n')[0]!.trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
};

/**
 * A Tollgate killed outright (SIGKILL, a crash, the machine's OOM killer) leaves its embedded
 * PostgreSQL running, holding the data folder, and the next `pnpm start` could not start its own.
 * When the folder's PostgreSQL is running but the Tollgate that started it is gone, that server is
 * an orphan: stop it (a fast shutdown, as PostgreSQL's own `pg_ctl stop -m fast` sends) and wait for
 * it to let go of the folder. A folder whose owner is still alive is left alone: that is another
 * Tollgate, and starting fails as before.
 */
export async function stopOrphanedPostgres(dataDir: string, databaseDir: string, log: Logger): Promise<void> {
  const postmaster = readPid(join(databaseDir, 'postmaster.pid'));
  if (postmaster === null || !alive(postmaster)) return;
  const owner = readPid(ownerFile(dataDir));
  if (owner === null || owner === process.pid || alive(owner)) return;
  log.warn({ databaseDir, postmaster, owner }, 'the embedded PostgreSQL of a Tollgate that is gone is still running: stopping it');
  process.kill(postmaster, 'SIGINT');
  for (let waited = 0; waited < 30_000 && alive(postmaster); waited += 100) await new Promise((r) => setTimeout(r, 100));
}

/** Marks this process as the folder's owner (after its PostgreSQL started); cleared on a clean stop. */
export function claimEmbeddedPostgres(dataDir: string): { release(): void } {
  writeFileSync(ownerFile(dataDir), `${process.pid}\n`);
  return { release: () => existsSync(ownerFile(dataDir)) && readPid(ownerFile(dataDir)) === process.pid && rmSync(ownerFile(dataDir), { force: true }) };
}
