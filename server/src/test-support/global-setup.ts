import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { startThrowawayPostgres } from './throwaway-postgres.js';

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
    const pg = await startThrowawayPostgres();
    pgUrl = pg.url;
    cleanups.push(pg.stop);
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
