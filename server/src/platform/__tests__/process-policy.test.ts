import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test-support/database.js';
import { ensureServerBuilt, startServerProcess, waitFor, within, type LogLine, type ServerProcess } from '../../test-support/server-process.js';

/**
 * index.ts's process-level policy (docs/decisions/0011-backplane-outage.md), in a real process: a
 * stray promise rejection is logged and the process serves on; an uncaught exception is logged as
 * fatal and ends in the graceful shutdown with exit code 1. The faults come from a module loaded
 * ahead of the server that fires one on each SIGUSR2, so nothing depends on timing.
 */
const FAULTS = `let n = 0;
process.on('SIGUSR2', () => {
  n += 1;
  if (n === 1) Promise.reject(new Error('a stray rejection'));
  else setImmediate(() => { throw new Error('an uncaught exception'); });
});
`;

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let server: ServerProcess;
let faults: string;

beforeAll(async () => {
  db = await createTestDatabase();
  faults = join(mkdtempSync(join(tmpdir(), 'tollgate-faults-')), 'faults.mjs');
  writeFileSync(faults, FAULTS);
  server = await startServerProcess({ databaseUrl: db.url, redisUrl: null, env: { NODE_OPTIONS: `--import=${faults}` } });
});

afterAll(async () => {
  await server?.kill();
  await db?.drop();
});

const logged = (msg: string) => server.logs.filter((l) => l.msg === msg);

describe('process-level policy', () => {
  it('logs an unhandled rejection at error and keeps serving', async () => {
    server.child.kill('SIGUSR2');
    await waitFor(() => logged('unhandled promise rejection (still serving)').length === 1, 'the rejection to be logged', 10_000);
    expect(logged('unhandled promise rejection (still serving)')[0]).toMatchObject({ level: 50, err: { message: 'a stray rejection' } });
    expect(server.alive()).toBe(true);
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ tiers { code } }' }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: { tiers: unknown[] } }).data.tiers.length).toBeGreaterThan(0);
  });

  it('logs an uncaught exception as fatal, shuts down gracefully and exits 1', async () => {
    server.child.kill('SIGUSR2');
    const exit = await within(server.exited, 'the process to exit', 30_000);
    expect(exit, server.stderr()).toEqual({ code: 1, signal: null });
    expect(logged('uncaught exception: shutting down')[0]).toMatchObject({ level: 60, err: { message: 'an uncaught exception' } });
    expect(logged('shut down cleanly')).toHaveLength(1);
  });
});

describe('process-level policy while starting', () => {
  it('covers startup: a stray rejection is logged and starting goes on; an uncaught exception is logged as fatal and exits 1', async () => {
    // A "database" that accepts and never answers: the process is held inside createApp (after
    // config and logger, before migrations), and its first connection says it got there.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    ensureServerBuilt();
    const child = spawn(process.execPath, [fileURLToPath(new URL('../../../dist/index.js', import.meta.url))], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: 'info',
        NODE_OPTIONS: `--import=${faults}`,
        TOLLGATE_DATA_DIR: mkdtempSync(join(tmpdir(), 'tollgate-proc-')),
        JWT_SECRET: randomBytes(20).toString('hex'),
        TOLLGATE_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
        ADMIN_EMAIL: 'admin@tollgate.test',
        ADMIN_PASSWORD: 'admin-pass-12345',
        DATABASE_URL: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const logs: LogLine[] = [];
    let stderr = '';
    let pending = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop()!;
      for (const line of lines) if (line.trim().startsWith('{')) logs.push(JSON.parse(line) as LogLine);
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('close', (code, signal) => resolve({ code, signal })),
    );
    const startupLogged = (msg: string) => logs.filter((l) => l.msg === msg);
    try {
      await waitFor(() => sockets.length > 0, 'the process to reach the database', 30_000);
      child.kill('SIGUSR2');
      await waitFor(
        () => startupLogged('unhandled promise rejection (still serving)').length === 1 || child.exitCode !== null,
        'the rejection to be logged',
        10_000,
      );
      expect(startupLogged('unhandled promise rejection (still serving)'), stderr).toHaveLength(1);
      expect(child.exitCode).toBeNull();
      child.kill('SIGUSR2');
      const exit = await within(exited, 'the process to exit', 30_000);
      expect(exit, stderr).toEqual({ code: 1, signal: null });
      expect(startupLogged('uncaught exception while starting: exiting')[0]).toMatchObject({ level: 60, err: { message: 'an uncaught exception' } });
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });
});
