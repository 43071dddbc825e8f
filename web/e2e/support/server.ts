import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from './database';
import { freePort } from './free-port';

const WEB_DIR = fileURLToPath(new URL('../..', import.meta.url));
const SERVER_ENTRY = resolve(WEB_DIR, '../server/dist/index.js');
const WEB_DIST = resolve(WEB_DIR, 'dist');
const READY_TIMEOUT_MS = 60_000;

export interface RunningServer {
  url: string;
  admin: { email: string; password: string };
  /** The server's own database, for a test that must set a state no API reaches (a failed renewal). */
  databaseUrl: string;
  /** The server's recent output, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts the built server (`node ../server/dist/index.js`) on a free port with a database of its
 * own: a fresh database on DATABASE_URL's server when that is set, else embedded PostgreSQL in a
 * temporary folder. Resolves once GET /readyz answers 200. `env` adds or overrides settings (a
 * scenario's own, such as SANDBOX_STREAM_DELAY_MS).
 */
export async function startServer({ env: extraEnv = {} }: { env?: Record<string, string> } = {}): Promise<RunningServer> {
  if (!existsSync(SERVER_ENTRY)) {
    throw new Error(`${SERVER_ENTRY} is missing: run \`pnpm --filter @tollgate/server build\` first`);
  }
  if (!existsSync(join(WEB_DIST, 'index.html'))) {
    throw new Error(`${WEB_DIST}/index.html is missing: run \`pnpm --filter @tollgate/web build\` first`);
  }

  warnIfStale(join(WEB_DIST, 'index.html'), join(WEB_DIR, 'src'), 'pnpm --filter @tollgate/web build');
  warnIfStale(SERVER_ENTRY, resolve(WEB_DIR, '../server/src'), 'pnpm --filter @tollgate/server build');

  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'tollgate-e2e-data-'));
  // mkdtemp makes it 0700. Run as root, embedded PostgreSQL runs initdb as a separate `postgres`
  // user, which must be able to reach <dataDir>/pg.
  await chmod(dataDir, 0o755);
  const database: TestDatabase | null = process.env.DATABASE_URL
    ? await createTestDatabase(process.env.DATABASE_URL)
    : null;
  const admin = { email: `admin-${randomBytes(4).toString('hex')}@example.com`, password: `Adm1n-${randomBytes(12).toString('hex')}` };

  const env: NodeJS.ProcessEnv = { ...process.env };
  // Vitest's own variables (NODE_ENV=test among them) are not the server's business.
  for (const key of Object.keys(env)) if (key === 'NODE_ENV' || key.startsWith('VITEST')) delete env[key];
  Object.assign(env, {
    PORT: String(port),
    LOG_LEVEL: 'warn',
    JWT_SECRET: randomBytes(20).toString('hex'),
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    WEB_DIST_DIR: WEB_DIST,
    // Also in DATABASE_URL mode: anything the server keeps on disk stays out of the repo's .data/.
    TOLLGATE_DATA_DIR: dataDir,
    // Checkout return URLs are built from it: the browser must come back to the origin it signed in on.
    PUBLIC_URL: `http://127.0.0.1:${port}`,
  });
  if (database) env.DATABASE_URL = database.url;
  else {
    delete env.DATABASE_URL;
    env.EMBEDDED_PG_PORT = String(await freePort());
  }
  // REDIS_URL, when set, passes through; each server gets its own key prefix, so the rate-limit
  // counters of one test file's sign-ins (all from 127.0.0.1) never throttle another's.
  env.REDIS_KEY_PREFIX = `e2e-${randomBytes(6).toString('hex')}:`;
  Object.assign(env, extraEnv);

  const child = spawn(process.execPath, [SERVER_ENTRY], { cwd: WEB_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - 200));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const output = () => lines.join('\n');

  const cleanup = async () => {
    await stopChild(child);
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  };

  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(url, child, output);
  } catch (error) {
    await cleanup();
    throw error;
  }
  // Embedded PostgreSQL's fixed role and database (server/src/platform/embedded-postgres.ts).
  const databaseUrl = database?.url ?? `postgres://tollgate:tollgate@127.0.0.1:${env.EMBEDDED_PG_PORT}/tollgate`;
  return { url, admin, databaseUrl, output, stop: cleanup };
}

async function waitUntilReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the server exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output()}`);
    }
    try {
      const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`GET /readyz did not answer 200 within ${READY_TIMEOUT_MS / 1000} s:\n${output()}`);
}

/** SIGTERM, and SIGKILL if the server has not shut down within 20 s. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

/** The test runs what was built, not the sources: say so when they are newer than the build. */
function warnIfStale(built: string, sources: string, buildCommand: string): void {
  const builtAt = statSync(built).mtimeMs;
  const newest = newestMtime(sources);
  if (newest > builtAt) {
    console.warn(`!! ${built} is older than ${sources}: the browser test runs the old build. Run \`${buildCommand}\`.`);
  }
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    // Tests are not part of a build.
    if (!entry.isFile() || entry.parentPath.includes('__tests__')) continue;
    newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}
