import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import pg from 'pg';
import 'reflect-metadata';
import { createApp } from '../server/src/app.js';
import { FakeOpenAi } from '../server/src/modules/gateway/__tests__/fakes/fake-openai.js';
import { loadConfig } from '../server/src/platform/config.js';
import { createLogger } from '../server/src/platform/logger.js';
import { BareCompletion, lastCompletion } from './gateway-bare.js';
import { alternatingLatencies, alternatingThroughput, markdownTable, ms, percentile, perSec, type TableRow } from './gateway-support.js';
import { benchDatabase, graphqlClient, type Gql } from './support.js';

const ADMIN = { email: 'bench@tollgate.local', password: 'bench-password-1' };
const TIER = 'pro';
const IN_FLIGHT = 32;
const ROUNDS = 4;
const PROMPT = 'Say hello to the toll gate.';
const MAX_TOKENS = 64;
const COMPLETE = `mutation($i: CompletionInput!) { complete(input: $i) { id charged usage { inputTokens outputTokens } balance { available } } }`;

/**
 * What the gateway costs, against baselines measured in the same run (`pnpm bench gateway`):
 * (a) added latency of `complete` over calling the same fake OpenAI server directly with the `openai`
 * SDK, at 1 and 32 in flight; (b) metered completions per second against the same hold / settle /
 * usage-event SQL run bare through `pg`; (c) cached completions per second against `{ __typename }`.
 * Everything runs in this process (server, fake provider, clients), on one account, through an API key.
 * BENCH_N (default 1200) is the calls per contender at 32 in flight; 1 in flight runs BENCH_N / 8.
 */
export async function gatewayBench(): Promise<void> {
  const n = Number(process.env.BENCH_N ?? 1200);
  const db = await benchDatabase();
  const fake = await FakeOpenAi.start();
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      DATABASE_URL: db.url,
      REDIS_URL: process.env.REDIS_URL,
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret',
      TOLLGATE_ENCRYPTION_KEY: 'cd'.repeat(32),
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      OPENAI_API_KEY: 'sk-bench',
      OPENAI_BASE_URL: fake.baseURL,
    },
    { dataDir: mkdtempSync(join(tmpdir(), 'tollgate-bench-data-')) },
  );
  const app = await createApp(config, createLogger('silent'));
  const url = `http://127.0.0.1:${await app.listen()}`;
  const bare = new pg.Pool({ connectionString: db.url, max: 20 }); // the app's SqlPool size
  try {
    const gql = graphqlClient(url);
    const { userId, secret } = await benchUser(gql);
    const direct = new OpenAI({ apiKey: 'sk-bench', baseURL: fake.baseURL, maxRetries: 0 });
    const messages = [{ role: 'user' as const, content: PROMPT }];
    const callDirect = () => direct.chat.completions.create({ model: 'gpt-4o-mini', messages, max_tokens: MAX_TOKENS });
    const complete = (model: string, useCache: boolean) => () => gql(COMPLETE, { i: { model, prompt: PROMPT, maxTokens: MAX_TOKENS, useCache } }, secret);
    const viaGateway = complete('openai/gpt-4o-mini', false);
    const echo = complete('sandbox/echo', false);

    console.log(
      `\ngateway: server, fake OpenAI and clients in one process; ${n} calls per contender at ${IN_FLIGHT} in flight, ${n / 8} at 1, in ${ROUNDS} alternating rounds`,
    );
    // Warm up JIT, pools, the catalog and the SDK's connections before measuring anything.
    await alternatingLatencies(200, 16, 1, { direct: callDirect, gateway: viaGateway, echo });

    const rows: TableRow[] = [];
    for (const concurrency of [1, IN_FLIGHT]) {
      const total = concurrency === 1 ? Math.ceil(n / 8) : n;
      const s = await alternatingLatencies(total, concurrency, ROUNDS, { direct: callDirect, gateway: viaGateway });
      console.log(`\n(a) latency, ${concurrency} in flight, ${s.gateway.length} calls each (openai/gpt-4o-mini, useCache false)`);
      for (const [label, p] of [
        ['median', 50],
        ['p99', 99],
      ] as const) {
        const [g, d] = [percentile(s.gateway, p), percentile(s.direct, p)];
        console.log(
          `  ${label.padEnd(6)} complete ${ms(g).padStart(10)}   direct SDK ${ms(d).padStart(10)}   added ${ms(g - d).padStart(10)}   ratio ${(g / d).toFixed(2)}`,
        );
        rows.push({
          measure: `(a) ${label} latency, ${concurrency} in flight`,
          tollgate: ms(g),
          baseline: `${ms(d)} direct`,
          added: `+${ms(g - d)}`,
          ratio: (g / d).toFixed(2),
        });
      }
    }

    const shape = await lastCompletion(bare, userId);
    const bareRun = new BareCompletion(bare, shape);
    const metered = await alternatingThroughput(n, IN_FLIGHT, ROUNDS, { bare: () => bareRun.run(), gateway: viaGateway, echo });
    console.log(`\n(b) metered completions, ${n} each, ${IN_FLIGHT} in flight, one account (hold ${shape.held} µcr, settle ${shape.event.charged} µcr)`);
    console.log(`  hold + settle + usage event SQL bare through pg (baseline) ${perSec(metered.bare).padStart(8)}`);
    for (const [name, label] of [
      ['gateway', 'openai/gpt-4o-mini via the fake'],
      ['echo', 'sandbox/echo'],
    ] as const) {
      const ratio = (metered[name] / metered.bare).toFixed(3);
      console.log(`  complete, ${label.padEnd(46)} ${perSec(metered[name]).padStart(8)}   ratio ${ratio}`);
      rows.push({
        measure: `(b) metered completions/s, ${label}`,
        tollgate: perSec(metered[name]),
        baseline: `${perSec(metered.bare)} bare SQL`,
        added: '',
        ratio,
      });
    }

    const cached = complete('openai/gpt-4o-mini', true);
    const warm = await cached();
    const before = fake.requests.length;
    const typename = () => gql('{ __typename }', {}, secret);
    const hits = await alternatingThroughput(n * 2, IN_FLIGHT, ROUNDS, { typename, cached });
    if (fake.requests.length !== before) throw new Error(`cached run reached the provider ${fake.requests.length - before} times`);
    const cacheRatio = (hits.cached / hits.typename).toFixed(3);
    console.log(`\n(c) cached completions, ${n * 2} each, ${IN_FLIGHT} in flight, after one warm call (charged ${warm.complete.charged})`);
    console.log(`  { __typename } with the same API key (baseline)      ${perSec(hits.typename).padStart(8)}`);
    console.log(`  complete, the same request, useCache true            ${perSec(hits.cached).padStart(8)}   ratio ${cacheRatio}`);
    rows.push({
      measure: '(c) cached completions/s',
      tollgate: perSec(hits.cached),
      baseline: `${perSec(hits.typename)} { __typename }`,
      added: '',
      ratio: cacheRatio,
    });

    const audit = await gql('{ ledgerAudit { accountsChecked violations } }', {}, await signIn(gql));
    console.log(`\n  ledger audit after the run: ${audit.ledgerAudit.accountsChecked} accounts, ${audit.ledgerAudit.violations.length} violations`);
    console.log(`\n${markdownTable(rows)}`);
  } finally {
    await bare.end();
    await app.stop();
    await fake.close();
    await db.close();
  }
}

const signIn = async (gql: Gql): Promise<string> => (await gql('mutation($i: SignInInput!) { signIn(input: $i) { token } }', { i: ADMIN })).signIn.token;

/**
 * A user on the Pro tier with its limits lifted (the per-minute limit would refuse most of the run,
 * the monthly caps a long one), plenty of credit, and an API key with the `completions` scope.
 */
async function benchUser(gql: Gql): Promise<{ userId: string; secret: string }> {
  const admin = await signIn(gql);
  const limits = { requestsPerMinute: 100_000, monthlyRequestCap: 2_000_000_000, monthlyTokenAllowance: 2_000_000_000 };
  await gql('mutation($c: String!, $i: TierInput!) { adminUpdateTier(code: $c, input: $i) { code } }', { c: TIER, i: limits }, admin);
  const signUp = await gql('mutation($i: SignUpInput!) { signUp(input: $i) { token user { id } } }', {
    i: { email: `bench-${Date.now()}@tollgate.local`, password: 'bench-password-1' },
  });
  const userId = signUp.signUp.user.id as string;
  await gql('mutation($u: ID!, $t: String!) { adminSetTier(userId: $u, tier: $t) { id } }', { u: userId, t: TIER }, admin);
  const grant = { userId, amount: '100000', reason: 'gateway bench', idempotencyKey: 'bench-fund' };
  await gql('mutation($i: AdminCreditInput!) { adminGrantCredits(input: $i) { id } }', { i: grant }, admin);
  const key = await gql(
    'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }',
    { i: { name: 'bench', scopes: ['completions'] } },
    signUp.signUp.token,
  );
  return { userId, secret: key.createApiKey.secret as string };
}
