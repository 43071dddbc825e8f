import { graphqlClient, type Gql } from './support.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import 'reflect-metadata';
import { createApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/platform/config.js';
import { createLogger } from '../server/src/platform/logger.js';
import { redisCli } from './private-servers.js';

/** App start and bench accounts for the hot-path count: production mode, one fake provider, API keys. */

const ADMIN = { email: 'bench@tollgate.local', password: 'bench-password-1' };
const TIER = 'pro';
const PREFIX = 'tollgate:';

export async function startBenchApp(databaseUrl: string, redisUrl: string, openAiBaseUrl: string) {
  const dataDir = mkdtempSync(join(tmpdir(), 'tollgate-hotpath-data-'));
  const config = loadConfig(
    {
      NODE_ENV: 'production',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: PREFIX,
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret',
      TOLLGATE_ENCRYPTION_KEY: 'cd'.repeat(32),
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      OPENAI_API_KEY: 'sk-bench',
      OPENAI_BASE_URL: openAiBaseUrl,
    },
    { dataDir },
  );
  const app = await createApp(config, createLogger('silent'));
  const url = `http://127.0.0.1:${await app.listen()}`;
  const stop = async () => {
    await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { stop, gql: graphqlClient(url) };
}

export { graphqlClient, type Gql };

export const signIn = async (gql: Gql): Promise<string> => (await gql('mutation($i: SignInInput!) { signIn(input: $i) { token } }', { i: ADMIN })).signIn.token;

/**
 * `count` users on the Pro tier with its limits lifted, funded, each with a `completions` API key.
 * Sign-ups are limited per IP (20 an hour); this Redis is the bench's own, so we clear that
 * counter between sign-ups rather than fake client addresses.
 */
export async function benchAccounts(gql: Gql, redisPort: number, count: number): Promise<string[]> {
  const admin = await signIn(gql);
  const limits = { requestsPerMinute: 100_000, monthlyRequestCap: 2_000_000_000, monthlyTokenAllowance: 2_000_000_000 };
  await gql('mutation($c: String!, $i: TierInput!) { adminUpdateTier(code: $c, input: $i) { code } }', { c: TIER, i: limits }, admin);
  const secrets: string[] = [];
  for (let i = 0; i < count; i++) {
    if (i % 10 === 0) await clearSignUpLimit(redisPort);
    const signUp = await gql('mutation($i: SignUpInput!) { signUp(input: $i) { token user { id } } }', {
      i: { email: `hotpath-${i}-${Date.now()}@tollgate.local`, password: 'bench-password-1' },
    });
    const userId = signUp.signUp.user.id as string;
    await gql('mutation($u: ID!, $t: String!) { adminSetTier(userId: $u, tier: $t) { id } }', { u: userId, t: TIER }, admin);
    const grant = { userId, amount: '100000', reason: 'hot-path bench', idempotencyKey: `hotpath-fund-${i}` };
    await gql('mutation($i: AdminCreditInput!) { adminGrantCredits(input: $i) { id } }', { i: grant }, admin);
    const key = await gql(
      'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }',
      { i: { name: 'hotpath', scopes: ['completions'] } },
      signUp.signUp.token,
    );
    secrets.push(key.createApiKey.secret as string);
  }
  return secrets;
}

async function clearSignUpLimit(port: number): Promise<void> {
  const keys = (await redisCli(port, '--scan', '--pattern', `${PREFIX}rl:signup*`)).split('\n').filter(Boolean);
  if (keys.length) await redisCli(port, 'del', ...keys);
}
