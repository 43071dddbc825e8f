import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadJob, LoadResult } from './peer-load.js';
import { freePort } from './private-servers.js';

/**
 * The processes of `pnpm bench peer` besides the bench itself: the fake provider, the load generator,
 * Tollgate's built server and Portkey's gateway. Each is its own child, so none takes CPU from the
 * other within one event loop (the machine's two cores are still shared, by all, in every round).
 */

const here = dirname(fileURLToPath(import.meta.url));
const TS = ['--import', '@swc-node/register/esm-register'];

/** A TypeScript child of the bench with IPC; resolves with its first message. */
function forkTs<T>(file: string): Promise<{ child: ChildProcess; first: T }> {
  const child = fork(join(here, file), [], { cwd: here, execArgv: TS, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolveFirst, reject) => {
    child.once('message', (first) => resolveFirst({ child, first: first as T }));
    child.once('exit', (code) => reject(new Error(`${file} exited (${code}) before it was ready`)));
  });
}

/** One request/answer over a child's IPC channel. */
function ask<T>(child: ChildProcess, msg: unknown): Promise<T> {
  return new Promise((resolveAnswer, reject) => {
    const onExit = () => reject(new Error('child exited'));
    child.once('exit', onExit);
    child.once('message', (answer) => {
      child.off('exit', onExit);
      resolveAnswer(answer as T);
    });
    child.send(msg as object);
  });
}

const stopChild = (child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM') =>
  new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
    if (child.connected) child.disconnect();
    child.kill(signal);
  });

export async function startFake() {
  const { child, first } = await forkTs<{ baseURL: string }>('peer-fake.ts');
  return {
    baseURL: first.baseURL,
    pid: child.pid!,
    served: async () => (await ask<{ served: number }>(child, { cmd: 'count' })).served,
    stop: () => stopChild(child),
  };
}

export async function startLoad() {
  const { child } = await forkTs<{ ready: true }>('peer-load.ts');
  return {
    pid: child.pid!,
    run: async (job: LoadJob): Promise<LoadResult> => {
      const result = await ask<LoadResult>(child, job);
      if (result.error) throw new Error(`a call failed: ${result.error}`);
      return result;
    },
    stop: () => stopChild(child),
  };
}

/** Polls `url` until it answers 200 (or the child dies, or 60 s pass). */
async function waitReady(url: string, child: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited (${child.exitCode}):\n${log()}`);
    const ok = await fetch(url).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} not ready after 60 s:\n${log()}`);
}

/** Keeps the last 8 KB a child wrote, for the error when it fails to start. */
function tail(child: ChildProcess): () => string {
  let out = '';
  const keep = (c: Buffer) => void (out = (out + c.toString()).slice(-8192));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => out;
}

export const ADMIN = { email: 'bench@tollgate.local', password: 'bench-password-1' };

/**
 * Tollgate as an operator runs it: the built server (`server/dist/index.js`, or PEER_SERVER_DIST)
 * with NODE_ENV=production, warnings and errors only in its log. `cpuProfDir`: run under
 * `node --cpu-prof` (the profile is written there when it exits).
 */
export async function startTollgate(env: { databaseUrl: string; redisUrl: string; openAiBaseUrl: string; cpuProfDir?: string; poolMax?: number }) {
  const dist = resolve(process.env.PEER_SERVER_DIST ?? join(here, '../server/dist'));
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'tollgate-peer-data-'));
  const child = spawn(process.execPath, [...(env.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', env.cpuProfDir] : []), join(dist, 'index.js')], {
    cwd: dirname(dist),
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DATABASE_URL: env.databaseUrl,
      REDIS_URL: env.redisUrl,
      REDIS_KEY_PREFIX: 'tollgate:',
      TOLLGATE_DATA_DIR: dataDir,
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret',
      TOLLGATE_ENCRYPTION_KEY: 'cd'.repeat(32),
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      OPENAI_API_KEY: 'sk-bench',
      OPENAI_BASE_URL: env.openAiBaseUrl,
      ...(env.poolMax ? { DATABASE_POOL_MAX: String(env.poolMax) } : {}),
    },
  });
  const log = tail(child);
  const url = `http://127.0.0.1:${port}`;
  await waitReady(`${url}/readyz`, child, log);
  return {
    url,
    log,
    pid: child.pid!,
    stop: async () => {
      await stopChild(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Portkey's gateway from npm (`@portkey-ai/gateway`'s bin, build/start-server.js), headless, production. */
export async function startPortkey() {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('@portkey-ai/gateway/package.json');
  const port = await freePort();
  const child = spawn(process.execPath, [join(dirname(pkg), 'build/start-server.js'), `--port=${port}`, '--headless'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH, NODE_ENV: 'production' },
  });
  const log = tail(child);
  const url = `http://127.0.0.1:${port}`;
  await waitReady(url, child, log);
  return { url, log, pid: child.pid!, stop: () => stopChild(child) };
}
