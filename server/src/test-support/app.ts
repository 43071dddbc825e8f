import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../app.js';
import { loadConfig } from '../platform/config.js';
import { createLogger } from '../platform/logger.js';
import { createTestDatabase } from './database.js';

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
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      DATABASE_URL: databaseUrl,
      JWT_SECRET: TEST_JWT_SECRET,
      TOLLGATE_ENCRYPTION_KEY: 'ab'.repeat(32),
      ADMIN_EMAIL: TEST_ADMIN.email,
      ADMIN_PASSWORD: TEST_ADMIN.password,
      ...env,
    },
    { dataDir: mkdtempSync(join(tmpdir(), 'tollgate-test-data-')) },
  );
  const app = await createApp(config, createLogger(config.LOG_LEVEL));
  const port = await app.listen();
  const url = `http://127.0.0.1:${port}`;
  return {
    app,
    url,
    databaseUrl,
    async gql(query, variables, token, headers = {}) {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as GqlResult;
      return { status: res.status, data: (body.data ?? null) as any, errors: body.errors };
    },
    async stop() {
      await app.stop();
      await db?.drop();
    },
  };
}

/** The single error code of a result, for terse assertions. */
export function errorCode(result: GqlResult): string | undefined {
  return result.errors?.[0]?.extensions?.code;
}
