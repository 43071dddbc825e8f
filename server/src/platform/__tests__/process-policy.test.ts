import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test-support/database.js';
import { startServerProcess, waitFor, within, type ServerProcess } from '../../test-support/server-process.js';

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

beforeAll(async () => {
  db = await createTestDatabase();
  const faults = join(mkdtempSync(join(tmpdir(), 'tollgate-faults-')), 'faults.mjs');
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
    const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ tiers { code } }' }) });
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
