import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import 'reflect-metadata';
import { createApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/platform/config.js';
import { createLogger } from '../server/src/platform/logger.js';
import { benchDatabase, report, throughput } from './support.js';

/**
 * What authentication costs per request: `{ me }` authenticated by an API key and by a JWT,
 * against the same server's `/healthz` (no auth, no database) as the baseline, in one run.
 */
export async function authBench(): Promise<void> {
  const db = await benchDatabase();
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      DATABASE_URL: db.url,
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret',
      TOLLGATE_ENCRYPTION_KEY: 'cd'.repeat(32),
      ADMIN_EMAIL: 'bench@tollgate.local',
      ADMIN_PASSWORD: 'bench-password-1',
    },
    { dataDir: mkdtempSync(join(tmpdir(), 'tollgate-bench-data-')) },
  );
  const app = await createApp(config, createLogger('silent'));
  const url = `http://127.0.0.1:${await app.listen()}`;
  try {
    const post = async (body: unknown, token?: string) => {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
      return res.json() as Promise<any>;
    };
    const signIn = await post({
      query: 'mutation($i: SignInInput!) { signIn(input: $i) { token } }',
      variables: { i: { email: 'bench@tollgate.local', password: 'bench-password-1' } },
    });
    const jwt = signIn.data.signIn.token;
    const key = await post({ query: 'mutation { createApiKey(input: { name: "bench", scopes: ["read"] }) { secret } }' }, jwt);
    const secret = key.data.createApiKey.secret;
    const me = { query: '{ me { id email } }' };
    const total = Number(process.env.BENCH_REQUESTS ?? 3000);
    // Warm up JIT, pools and caches before measuring anything.
    await throughput(300, 16, () => post(me, secret));
    const rows = [
      { name: 'GET /healthz (baseline)', opsPerSec: await throughput(total, 16, () => fetch(`${url}/healthz`).then((r) => r.text())) },
      { name: '{ me } with a JWT', opsPerSec: await throughput(total, 16, () => post(me, jwt)) },
      { name: '{ me } with an API key', opsPerSec: await throughput(total, 16, () => post(me, secret)) },
    ];
    report(`auth: ${total} requests each, 16 in flight`, rows, 'GET /healthz (baseline)');
  } finally {
    await app.stop();
    await db.close();
  }
}
