import { execFile, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * A PostgreSQL and a Redis owned by one bench run, so the counters they keep (pg_stat_statements,
 * pg_stat_database, INFO commandstats) see only this run's traffic. The shared cluster cannot load
 * pg_stat_statements without a restart (it needs shared_preload_libraries), so we start our own
 * from the distribution's binaries (Debian's postgresql-NN ships the extension) and redis-server.
 */

const run = promisify(execFile);

/** A port nobody listens on right now (the OS picks it; a tiny race with other starters is accepted). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** The newest PostgreSQL under /usr/lib/postgresql, or HOTPATH_PG_BIN. */
function postgresBin(): string {
  if (process.env.HOTPATH_PG_BIN) return process.env.HOTPATH_PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions[0]) throw new Error('no PostgreSQL binaries under /usr/lib/postgresql (install postgresql-15, or set HOTPATH_PG_BIN)');
  return join(root, versions[0], 'bin');
}

export interface PrivatePostgres {
  /** Superuser URL of the `postgres` database, with pg_stat_statements created in it. */
  url: string;
  /** The data directory (its postmaster.pid names the server's process). */
  dataDir: string;
  stop: () => Promise<void>;
}

/** initdb into a temp folder and start with pg_stat_statements preloaded, on a free loopback port. */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = postgresBin();
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-hotpath-pg-'));
  const data = join(dir, 'data');
  // PostgreSQL refuses to run as root: as root, hand the folder to the postgres user and run as it.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    chmodSync(dir, 0o755);
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(dir, uid, gid);
  }
  const pgRun = (tool: string, args: string[]) => (asRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]) : run(join(bin, tool), args));
  const port = await freePort();
  await pgRun('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync']);
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    '-c shared_preload_libraries=pg_stat_statements',
    // Top-level statements only: one row per statement the client sent, i.e. per round trip.
    '-c pg_stat_statements.track=top',
    '-c pg_stat_statements.track_utility=on',
    '-c pg_stat_statements.max=5000',
    '-c max_connections=200',
  ].join(' ');
  await pgRun('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-o', options, 'start']);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    dataDir: data,
    stop: async () => {
      await pgRun('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface PrivateRedis {
  url: string;
  port: number;
  pid: number;
  stop: () => Promise<void>;
}

/** redis-server on a free loopback port, no persistence. */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let i = 0; ; i++) {
    const pong = await redisCli(port, 'ping').catch(() => '');
    if (pong.trim() === 'PONG') break;
    if (i > 50) throw new Error(`redis-server on port ${port} did not answer`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    pid: child.pid!,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** One command through redis-cli (no client library needed in the bench package). */
export async function redisCli(port: number, ...args: string[]): Promise<string> {
  return (await run('redis-cli', ['-p', String(port), ...args])).stdout;
}
