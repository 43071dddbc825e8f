import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../app.js';
import { loadConfig } from '../platform/config.js';
import { createLogger } from '../platform/logger.js';
import { createTestDatabase, withClient } from './database.js';
import { recordExchange, recordSecret, testLogDestination } from './log-capture.js';

export const TEST_ADMIN = { email: 'root@tollgate.test', password: 'admin-pass-12345' };
export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256';

export interface GqlResult<T = Record<string, any>> {
  status: number;
  data: T | null;
  errors?: Array<{ message: string; extensions?: Record<string, any>; path?: string[] }>;
}

export interface TestApp {
  app: App;
  url: string;
  databaseUrl: string;
  /** The server's log lines so far (JSON), at debug level unless TEST_LOG_LEVEL says otherwise. */
  logs(): string[];
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string, headers?: Record<string, string>): Promise<GqlResult<T>>;
  stop(): Promise<void>;
}

/**
 * A real server on a random port with a database of its own (or a given one, to run two
 * instances side by side), spoken to over HTTP exactly as a client would.
 */
export async function startTestApp(env: Record<string, string | undefined> = {}, options: { databaseUrl?: string } = {}): Promise<TestApp> {
  const db = options.databaseUrl ? null : await createTestDatabase();
  const databaseUrl = options.databaseUrl ?? db!.url;
  const variables: Record<string, string | undefined> = {
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'debug',
    DATABASE_URL: databaseUrl,
    JWT_SECRET: TEST_JWT_SECRET,
    TOLLGATE_ENCRYPTION_KEY: 'ab'.repeat(32),
    ADMIN_EMAIL: TEST_ADMIN.email,
    ADMIN_PASSWORD: TEST_ADMIN.password,
    // A loaded 2-core CI machine can stall a Redis reply past the 1 s production default, which would
    // put a test into the degraded mode by accident; the outage suites set their own timeouts.
    REDIS_COMMAND_TIMEOUT_MS: '5000',
    ...env,
  };
  // The process's own secrets (and any provider key a test configures) must never be logged either.
  recordSecret(
    ...Object.entries(variables)
      .filter(([name]) => /SECRET|_KEY$|PASSWORD/.test(name))
      .map(([, value]) => value),
  );
  const config = loadConfig(variables, { dataDir: mkdtempSync(join(tmpdir(), 'tollgate-test-data-')) });
  // Every test server logs to a file of the run; global-setup scans them all for the secrets recorded.
  const logFile = testLogDestination();
  const app = await createApp(config, createLogger(config.LOG_LEVEL, logFile.stream));
  const port = await app.listen();
  const url = `http://127.0.0.1:${port}`;
  return {
    app,
    url,
    databaseUrl,
    logs: () => logFile.lines(),
    async gql(query, variables, token, headers = {}) {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as GqlResult;
      recordExchange(variables, token, body.data, body.errors);
      return { status: res.status, data: (body.data ?? null) as any, errors: body.errors };
    },
    async stop() {
      await app.stop();
      await recordStoredHashes(databaseUrl).catch(() => undefined);
      await logFile.close();
      await db?.drop();
    },
  };
}

/** The argon2 hashes the server stored, read back before the database goes: no log may hold one. */
async function recordStoredHashes(databaseUrl: string): Promise<void> {
  const rows = await withClient(databaseUrl, async (c) => (await c.query<{ h: string }>('select password_hash as h from app_user')).rows);
  recordSecret(...rows.map((r) => r.h));
}

/** The single error code of a result, for terse assertions. */
export function errorCode(result: GqlResult): string | undefined {
  return result.errors?.[0]?.extensions?.code;
}
