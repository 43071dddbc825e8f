import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recordSecret, testLogSink } from './log-capture.js';

const SERVER_DIR = fileURLToPath(new URL('../../', import.meta.url));
const SERVER_ENTRY = join(SERVER_DIR, 'dist/index.js');

export interface LogLine {
  msg?: string;
  level?: number;
  [key: string]: unknown;
}

/** A real Tollgate process (the built `dist/index.js`, as production runs it), spoken to over loopback. */
export interface ServerProcess {
  child: ChildProcess;
  port: number;
  url: string;
  env: NodeJS.ProcessEnv;
  /** Every JSON log line printed so far (stdout). */
  logs: LogLine[];
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  alive(): boolean;
  /** SIGKILL when still running; resolves once it has exited. */
  kill(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface ServerProcessOptions {
  databaseUrl: string;
  /** Omit for the in-process backplane. */
  redisUrl?: string | null;
  adminEmail?: string;
  adminPassword?: string;
  /** Reuse the same secrets across a restart (tokens stay valid): pass the first process's `env`. */
  env?: NodeJS.ProcessEnv;
  port?: number;
  readyTimeoutMs?: number;
  /** Extra node flags, such as --expose-gc. */
  nodeArgs?: string[];
}

/** Builds the server once when `dist/` is missing (the README's test command builds it first anyway). */
export function ensureServerBuilt(): void {
  if (!existsSync(SERVER_ENTRY)) execFileSync('pnpm', ['--filter', '@tollgate/server', 'build'], { cwd: SERVER_DIR, stdio: 'inherit' });
}

/**
 * Starts the server as a child process in production mode and waits for `/readyz`. Faults are
 * injected into it as an operator would: signals, a Redis that goes away, a database that refuses.
 */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  ensureServerBuilt();
  const port = options.port ?? (await freePort());
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    TOLLGATE_DATA_DIR: mkdtempSync(join(tmpdir(), 'tollgate-proc-')),
    JWT_SECRET: randomBytes(20).toString('hex'),
    TOLLGATE_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    ADMIN_EMAIL: options.adminEmail ?? `admin-${randomBytes(4).toString('hex')}@tollgate.test`,
    ADMIN_PASSWORD: options.adminPassword ?? 'admin-pass-12345',
    // As in test-support/app.ts: a loaded machine must not trip the degraded mode by accident.
    REDIS_COMMAND_TIMEOUT_MS: '5000',
    ...options.env,
    PORT: String(port),
    DATABASE_URL: options.databaseUrl,
  };
  if (options.redisUrl) env.REDIS_URL = options.redisUrl;
  else if (options.redisUrl === null) delete env.REDIS_URL;
  recordSecret(env.JWT_SECRET, env.TOLLGATE_ENCRYPTION_KEY, env.ADMIN_PASSWORD);
  const child = spawn(process.execPath, ['--enable-source-maps', ...(options.nodeArgs ?? []), SERVER_ENTRY], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  // Its lines also go to the run's log files, which global-setup scans for every recorded secret.
  const sink = testLogSink();
  child.stdout!.pipe(sink);
  const logs: LogLine[] = [];
  let pending = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) if (line.trim()) logs.push(parseLog(line));
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => {
      if (pending.trim()) logs.push(parseLog(pending));
      resolve({ code, signal });
    }),
  );
  const alive = () => child.exitCode === null && child.signalCode === null;
  const server: ServerProcess = {
    child,
    port,
    url: `http://127.0.0.1:${port}`,
    env,
    logs,
    stderr: () => stderr,
    exited,
    alive,
    kill: async (signal = 'SIGKILL') => {
      if (alive()) child.kill(signal);
      return exited;
    },
  };
  await waitFor(
    async () => {
      if (!alive()) throw new Error(`the server exited with ${child.exitCode ?? child.signalCode} before it was ready: ${stderr}`);
      return (await fetch(`${server.url}/readyz`).catch(() => null))?.status === 200;
    },
    '/readyz to answer 200',
    options.readyTimeoutMs ?? 60_000,
  );
  return server;
}

function parseLog(line: string): LogLine {
  try {
    return JSON.parse(line) as LogLine;
  } catch {
    return { msg: `(not JSON) ${line}` };
  }
}

export function tryConnect(port: number): Promise<'accepted' | 'refused'> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('accepted');
    });
    socket.once('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNREFUSED' ? resolve('refused') : reject(err)));
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Polls until `check` holds; `boundMs` only bounds the wait so a broken server fails instead of hanging. */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, boundMs = 5_000, everyMs = 50): Promise<void> {
  const deadline = Date.now() + boundMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up after ${boundMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

export function within<T>(promise: Promise<T>, what: string, boundMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`gave up after ${boundMs} ms waiting for ${what}`)), boundMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A throwaway redis-server of Debian's, on its own port, that a test may stop and start again. */
export interface ThrowawayRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
}

export async function startThrowawayRedis(binary = process.env.REDIS_SERVER_BIN ?? '/usr/bin/redis-server'): Promise<ThrowawayRedis> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await waitFor(async () => (await tryConnect(port)) === 'accepted', `redis-server on port ${port}`, 10_000);
  };
  const stop = async () => {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null) return;
    const closed = new Promise<void>((resolve) => c.once('close', () => resolve()));
    c.kill('SIGKILL');
    await closed;
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, port, stop, start };
}
