import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseUsdMicro } from '@tollgate/shared';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { loadConfig } from '../../../platform/config.js';
import { startTestApp, type TestApp } from '../../../test-support/app.js';
import { FakeOpenAi } from '../../gateway/__tests__/fakes/fake-openai.js';
import { ledgerAudit, newUser, ok, signInAdmin, type User } from '../../gateway/__tests__/support.js';
import { pricingPolicy } from '../catalog.policy.js';
import { CatalogService } from '../catalog.service.js';
import { CatalogStore } from '../catalog.store.js';

/**
 * The catalog snapshot across replicas: two servers on one PostgreSQL and one Redis. An admin edits
 * prices, tiers and models on A; B, which quotes from its own in-memory snapshot, reloads when the
 * edit's announcement arrives and its next completion is priced and checked by the new catalog.
 * The test waits for B's snapshot to have reloaded (a count, not a time), then asserts.
 */
const redisUrl = inject('redisUrl');
const COMPLETE = `mutation($i: CompletionInput!) { complete(input: $i) { id model charged } }`;
const SET_PRICE = 'mutation($i: ModelPriceInput!) { adminSetModelPrice(input: $i) { id effectiveFrom } }';
const SET_ACTIVE = 'mutation($m: ID!, $a: Boolean!) { adminSetModelActive(modelId: $m, active: $a) }';
const UPDATE_TIER = 'mutation($c: String!, $i: TierInput!) { adminUpdateTier(code: $c, input: $i) { code } }';
const MODEL = 'openai/gpt-4o-mini';
const input = { model: MODEL, prompt: 'Price me', maxTokens: 20, useCache: false };

let a: TestApp;
let b: TestApp;
let fake: FakeOpenAi;
let admin: string;
let user: User;

beforeAll(async () => {
  if (!redisUrl) return;
  fake = await FakeOpenAi.start();
  // No fallbacks: the charge is the requested model's, so a price is read straight off it.
  const env = {
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: `t-snapshot-${process.pid}-${randomUUID().slice(0, 8)}:`,
    OPENAI_API_KEY: 'sk-platform',
    OPENAI_BASE_URL: fake.baseURL,
    MODEL_FALLBACKS: '{}',
  };
  a = await startTestApp(env);
  b = await startTestApp(env, { databaseUrl: a.databaseUrl });
  admin = await signInAdmin(a);
  user = await newUser(a, admin, 'snapshot', 'starter');
  // 10 × $0.15/1M + 4 × $0.60/1M = 3,900 nano$ at list price; the starter tier adds 10%.
  fake.set({ usage: { prompt_tokens: 10, completion_tokens: 4 } });
});
afterAll(async () => {
  if (a && admin) expect((await ledgerAudit(a, admin)).violations).toEqual([]);
  await b?.stop();
  await a?.stop();
  await fake?.close();
});

/** Runs an admin edit on A and waits until B has loaded a snapshot after it. */
async function onAThenB<T>(edit: () => Promise<T>): Promise<T> {
  const seen = b.app.services.catalogSnapshot.generation;
  const result = await edit();
  await vi.waitFor(() => expect(b.app.services.catalogSnapshot.generation).toBeGreaterThan(seen), { timeout: 15_000, interval: 10 });
  return result;
}

const completeOnB = () => b.gql(COMPLETE, { i: input }, user.token);

describe.skipIf(!redisUrl)('catalog snapshot on two replicas', () => {
  it('charges a price set on A from the very next completion on B', async () => {
    expect(ok(await completeOnB(), 'complete').charged).toBe('0.000429');
    await onAThenB(async () =>
      ok(await a.gql(SET_PRICE, { i: { modelId: MODEL, inputUsdPerMTok: '1.5', outputUsdPerMTok: '6' } }, admin), 'adminSetModelPrice'),
    );
    // 10 × $1.50/1M + 4 × $6/1M = 39,000 nano$ × 1.10 = 42,900 nano$ = 0.00429 credits at $0.01 a credit.
    expect(ok(await completeOnB(), 'complete').charged).toBe('0.004290');
  });

  it('keeps a scheduled price out until its moment and switches to it then, with no reload', async () => {
    const effectiveFrom = new Date(Date.now() + 3_600_000);
    await onAThenB(async () =>
      ok(
        await a.gql(SET_PRICE, { i: { modelId: MODEL, inputUsdPerMTok: '0.15', outputUsdPerMTok: '0.6', effectiveFrom: effectiveFrom.toISOString() } }, admin),
        'adminSetModelPrice',
      ),
    );
    expect(ok(await completeOnB(), 'complete').charged).toBe('0.004290'); // still the price in force

    // B's own snapshot and catalog service, quoting on a clock set either side of the moment.
    const snapshot = b.app.services.catalogSnapshot;
    const loads = snapshot.generation;
    let now = new Date(effectiveFrom.getTime() - 1);
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: b.databaseUrl }, { dataDir: mkdtempSync(join(tmpdir(), 'tollgate-snapshot-')) });
    const policy = pricingPolicy(config, parseUsdMicro(config.CREDIT_USD));
    const catalog = new CatalogService(new CatalogStore(b.app.sql, policy.thresholds), snapshot, b.app.services.ledger, policy, { now: () => now });
    const before = await catalog.quote(user.id, MODEL);
    now = effectiveFrom;
    const after = await catalog.quote(user.id, MODEL);
    expect(before.terms.price).toMatchObject({ inputNanoPerToken: 1500n, outputNanoPerToken: 6000n });
    expect(after.terms.price).toMatchObject({ inputNanoPerToken: 150n, outputNanoPerToken: 600n, effectiveFrom });
    expect(snapshot.generation).toBe(loads);
  });

  it("applies a tier edit on A (markup, output cap) to B's next completion", async () => {
    await onAThenB(async () => ok(await a.gql(UPDATE_TIER, { c: 'starter', i: { markupBps: 0 } }, admin), 'adminUpdateTier'));
    expect(ok(await completeOnB(), 'complete').charged).toBe('0.003900'); // 39,000 nano$, no markup
    await onAThenB(async () => ok(await a.gql(UPDATE_TIER, { c: 'starter', i: { maxTokensPerRequest: 10 } }, admin), 'adminUpdateTier'));
    expect((await completeOnB()).errors?.[0]?.extensions?.code).toBe('TIER_LIMIT_EXCEEDED');
  });

  it('refuses a model deactivated on A on B, and serves it again once reactivated', async () => {
    await onAThenB(async () => ok(await a.gql(UPDATE_TIER, { c: 'starter', i: { maxTokensPerRequest: 4096 } }, admin), 'adminUpdateTier'));
    await onAThenB(() => a.gql(SET_ACTIVE, { m: MODEL, a: false }, admin));
    expect((await completeOnB()).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    await onAThenB(() => a.gql(SET_ACTIVE, { m: MODEL, a: true }, admin));
    expect(ok(await completeOnB(), 'complete').model).toBe(MODEL);
  });
});
