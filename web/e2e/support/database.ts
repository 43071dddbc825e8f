import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh, empty database on the server `DATABASE_URL` points at, so the test never touches (or
 * migrates) anyone else's data. Created through the server's `postgres` maintenance database.
 */
export async function createTestDatabase(serverUrl: string): Promise<TestDatabase> {
  const name = `tollgate_e2e_${randomBytes(6).toString('hex')}`;
  const maintenance = new URL(serverUrl);
  maintenance.pathname = '/postgres';
  await withClient(maintenance.toString(), (client) => client.query(`CREATE DATABASE "${name}"`));

  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      // FORCE (PostgreSQL 13+) ends connections the stopped server might have left behind.
      await withClient(maintenance.toString(), (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

async function withClient<T>(connectionString: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
