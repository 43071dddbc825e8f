import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../embedded-postgres.js';
import { createLogger } from '../logger.js';

/**
 * A Tollgate killed outright leaves its embedded PostgreSQL running; the next start stops that
 * orphan and starts its own, while a folder whose owner is alive is still refused.
 */
const log = createLogger('silent');
const dataDir = mkdtempSync(join(tmpdir(), 'tollgate-orphan-'));
const started: EmbeddedDatabase[] = [];

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** The pid of a process that has exited: what a killed Tollgate leaves in the owner file. */
const deadPid = () =>
  new Promise<number>((resolve) => {
    const child = spawn(process.execPath, ['-e', '']);
    child.on('exit', () => resolve(child.pid!));
  });

const answers = async (url: string) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query('select 1 as one')).rows[0].one;
  } finally {
    await client.end();
  }
};

afterAll(async () => {
  for (const db of started.reverse()) await db.stop().catch(() => undefined);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('embedded PostgreSQL left behind by a killed Tollgate', () => {
  it('is stopped by the next start, which then starts its own on the same folder', async () => {
    const port = await freePort();
    const first = await startEmbeddedPostgres(dataDir, port, log);
    expect(await answers(first.url)).toBe(1);
    // The owner dies without stopping its PostgreSQL (kill -9): its pid is that of a gone process.
    writeFileSync(join(dataDir, 'pg.owner'), `${await deadPid()}\n`);
    const second = await startEmbeddedPostgres(dataDir, port, log);
    started.push(second);
    expect(await answers(second.url)).toBe(1);
  }, 120_000);

  it('is left alone while its owner lives: a second start on the folder is refused', async () => {
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      writeFileSync(join(dataDir, 'pg.owner'), `${sleeper.pid}\n`);
      await expect(startEmbeddedPostgres(dataDir, await freePort(), log)).rejects.toThrow(/another Tollgate/);
    } finally {
      sleeper.kill();
    }
    expect(await answers(started[0]!.url)).toBe(1);
  }, 120_000);
});
