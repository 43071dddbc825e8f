/**
 * The seeded catalog (docs/decisions/0006): every required provider's models with list prices that
 * record their source and date, credit packages, and a seed that is applied at every start without
 * changing anything the first start (or an admin) left.
 */
import { describe, expect, it } from 'vitest';
import { startTestApp, TEST_ADMIN, type TestApp } from '../../../test-support/app.js';
import { withClient } from '../../../test-support/database.js';
import { admin, ADMIN_MODELS, HISTORY, modelsOf, newUser, ok, SET_ACTIVE, SET_PRICE, signIn, t, UPDATE_TIER, useCatalogApp } from './catalog-api-helpers.js';

useCatalogApp();

/** What the contract and the product brief require, with the providers' list prices (USD per 1M tokens). */
const REQUIRED: Array<{ id: string; provider: string; input: string; output: string; cached: string | null; priceClass: string }> = [
  { id: 'openai/gpt-4o', provider: 'openai', input: '2.5', output: '10', cached: '1.25', priceClass: 'STANDARD' },
  { id: 'openai/gpt-4o-mini', provider: 'openai', input: '0.15', output: '0.6', cached: '0.075', priceClass: 'BUDGET' },
  { id: 'openai/gpt-4-turbo', provider: 'openai', input: '10', output: '30', cached: null, priceClass: 'PREMIUM' },
  { id: 'openai/gpt-3.5-turbo', provider: 'openai', input: '0.5', output: '1.5', cached: null, priceClass: 'BUDGET' },
  { id: 'anthropic/claude-3-opus', provider: 'anthropic', input: '15', output: '75', cached: '1.5', priceClass: 'PREMIUM' },
  { id: 'anthropic/claude-3.5-sonnet', provider: 'anthropic', input: '3', output: '15', cached: '0.3', priceClass: 'STANDARD' },
  { id: 'anthropic/claude-3.5-haiku', provider: 'anthropic', input: '0.8', output: '4', cached: '0.08', priceClass: 'STANDARD' },
  { id: 'google/gemini-2.0-flash', provider: 'google', input: '0.1', output: '0.4', cached: '0.025', priceClass: 'BUDGET' },
  { id: 'google/gemini-1.5-pro', provider: 'google', input: '1.25', output: '5', cached: '0.312', priceClass: 'STANDARD' },
  { id: 'google/gemini-1.5-flash', provider: 'google', input: '0.075', output: '0.3', cached: null, priceClass: 'BUDGET' },
  { id: 'openrouter/meta-llama/llama-3.1-8b-instruct:free', provider: 'openrouter', input: '0', output: '0', cached: null, priceClass: 'FREE' },
  { id: 'openrouter/anthropic/claude-3.5-sonnet', provider: 'openrouter', input: '3', output: '15', cached: null, priceClass: 'STANDARD' },
  { id: 'sandbox/echo', provider: 'sandbox', input: '1', output: '2', cached: null, priceClass: 'BUDGET' },
];

/** Every catalog table, every column, in a stable order. */
function dumpCatalog(app: TestApp) {
  return withClient(app.databaseUrl, async (c) => ({
    model: (await c.query('select * from model order by id')).rows,
    model_price: (await c.query('select * from model_price order by model_id, effective_from, id')).rows,
    tier: (await c.query('select * from tier order by code')).rows,
    credit_package: (await c.query('select * from credit_package order by code')).rows,
  }));
}

describe('the seeded catalog', () => {
  it('has the required models of every provider at their list prices, each with its price class', async () => {
    const models = await ok<Array<Record<string, unknown>>>(
      t.gql('{ adminModels { id provider inputUsdPerMTok outputUsdPerMTok cachedInputUsdPerMTok priceClass active } }', {}, admin.token),
      'adminModels',
    );
    for (const r of REQUIRED) {
      expect(
        models.find((m) => m.id === r.id),
        r.id,
      ).toEqual({
        id: r.id,
        provider: r.provider,
        inputUsdPerMTok: r.input,
        outputUsdPerMTok: r.output,
        cachedInputUsdPerMTok: r.cached,
        priceClass: r.priceClass,
        active: true,
      });
    }
    expect(new Set(models.map((m) => m.provider))).toEqual(new Set(['openai', 'anthropic', 'google', 'openrouter', 'sandbox']));
    // OpenRouter's free variants are listed by their `:free` id and cost nothing.
    const free = models.filter((m) => String(m.id).startsWith('openrouter/') && String(m.id).endsWith(':free'));
    expect(free.length).toBeGreaterThanOrEqual(1);
    for (const m of free) expect(m).toMatchObject({ inputUsdPerMTok: '0', outputUsdPerMTok: '0', priceClass: 'FREE' });
  });

  it('prices sandbox/echo at $1 / $2 per 1M tokens, allowed on the free tier', async () => {
    const user = await newUser('seed');
    const echo = (await modelsOf(user)).find((m) => m.id === 'sandbox/echo');
    expect(echo).toMatchObject({ provider: 'sandbox', inputUsdPerMTok: '1', outputUsdPerMTok: '2', allowed: true, active: true });
  });

  it('records a source and the date it was read for every seeded price', async () => {
    const rows = await withClient(
      t.databaseUrl,
      async (c) => (await c.query(`select model_id, source, source_date, effective_from, created_by from model_price order by model_id`)).rows,
    );
    const modelCount = await withClient(t.databaseUrl, async (c) => (await c.query('select count(*)::int as n from model')).rows[0].n as number);
    expect(new Set(rows.map((r) => r.model_id)).size).toBe(modelCount);
    for (const row of rows) {
      // A provider's price page, or for the offline sandbox models words a person understands (never a project file).
      expect(row.source, row.model_id).toMatch(/^(https:\/\/\S+( \(\w+\))?|Set by Tollgate \(offline sandbox model, no provider\))$/);
      expect(row.source_date, row.model_id).toBeInstanceOf(Date);
      expect(Number.isNaN((row.source_date as Date).getTime())).toBe(false);
      expect(row.created_by, row.model_id).toBeNull();
    }
    for (const r of REQUIRED)
      expect(
        rows.some((row) => row.model_id === r.id),
        r.id,
      ).toBe(true);
    // The API shows where a price came from.
    const history = await ok<Array<{ source: string; inputUsdPerMTok: string }>>(
      t.gql(HISTORY, { modelId: 'openai/gpt-4o' }, admin.token),
      'modelPriceHistory',
    );
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ source: 'https://openai.com/api/pricing', inputUsdPerMTok: '2.5' });
  });
});

describe('creditPackages', () => {
  it('lists each package with totalCredits = credits + bonus and its USD price, no sign-in needed', async () => {
    const res = await t.gql('{ creditPackages { code name credits bonusCredits totalCredits priceUsd } }');
    expect(res.errors).toBeUndefined();
    expect(res.data!.creditPackages).toEqual([
      { code: 'starter-pack', name: 'Starter', credits: '500.000000', bonusCredits: '0.000000', totalCredits: '500.000000', priceUsd: '5.00' },
      { code: 'popular-pack', name: 'Popular', credits: '1500.000000', bonusCredits: '375.000000', totalCredits: '1875.000000', priceUsd: '15.00' },
      { code: 'pro-pack', name: 'Pro', credits: '3000.000000', bonusCredits: '1200.000000', totalCredits: '4200.000000', priceUsd: '30.00' },
    ]);
    for (const p of res.data!.creditPackages as Array<Record<string, string>>) {
      const micro = (s: string) => BigInt(s.replace('.', ''));
      expect(micro(p.totalCredits!)).toBe(micro(p.credits!) + micro(p.bonusCredits!));
    }
  });
});

describe('seeding again at the next start', () => {
  it('changes nothing when a second app starts on the same database', async () => {
    const before = await dumpCatalog(t);
    expect(before.model.length).toBeGreaterThanOrEqual(REQUIRED.length);
    const second = await startTestApp({}, { databaseUrl: t.databaseUrl });
    try {
      expect(await dumpCatalog(second)).toEqual(before);
      // The second instance serves the same catalog.
      const secondAdmin = await signIn(second, TEST_ADMIN.email, TEST_ADMIN.password);
      const fromSecond = await ok(second.gql(ADMIN_MODELS, {}, secondAdmin.token), 'adminModels');
      expect(fromSecond).toEqual(await ok(t.gql(ADMIN_MODELS, {}, admin.token), 'adminModels'));
    } finally {
      await second.stop();
    }
    expect(await dumpCatalog(t)).toEqual(before);
  });

  it("keeps an admin's price version, deactivation and tier edit across a restart", async () => {
    const price = await ok(
      t.gql(SET_PRICE, { input: { modelId: 'openai/gpt-3.5-turbo', inputUsdPerMTok: '0.45', outputUsdPerMTok: '1.35' } }, admin.token),
      'adminSetModelPrice',
    );
    expect(price).toMatchObject({ inputUsdPerMTok: '0.45', outputUsdPerMTok: '1.35', source: 'admin' });
    expect(await ok(t.gql(SET_ACTIVE, { modelId: 'google/gemini-1.5-flash', active: false }, admin.token), 'adminSetModelActive')).toBe(false);
    await ok(t.gql(UPDATE_TIER, { code: 'starter', input: { requestsPerMinute: 75, name: 'Starter plus' } }, admin.token), 'adminUpdateTier');
    const before = await dumpCatalog(t);

    const second = await startTestApp({}, { databaseUrl: t.databaseUrl });
    try {
      expect(await dumpCatalog(second)).toEqual(before);
      const user = await newUser('seed-restart', second);
      const models = await modelsOf(user, second);
      expect(models.map((m) => m.id)).not.toContain('google/gemini-1.5-flash');
      expect(models.find((m) => m.id === 'openai/gpt-3.5-turbo')).toMatchObject({ inputUsdPerMTok: '0.45', outputUsdPerMTok: '1.35' });
      const secondAdmin = await signIn(second, TEST_ADMIN.email, TEST_ADMIN.password);
      const history = await ok<Array<{ id: string; source: string }>>(
        second.gql(HISTORY, { modelId: 'openai/gpt-3.5-turbo' }, secondAdmin.token),
        'modelPriceHistory',
      );
      expect(history.map((h) => h.source)).toEqual(['admin', 'https://openai.com/api/pricing']);
      expect(history[0]!.id).toBe(price.id);
      const tiers = await ok<Array<{ code: string; name: string; requestsPerMinute: number }>>(
        second.gql('{ tiers { code name requestsPerMinute } }'),
        'tiers',
      );
      expect(tiers.find((x) => x.code === 'starter')).toEqual({ code: 'starter', name: 'Starter plus', requestsPerMinute: 75 });
    } finally {
      await second.stop();
    }
    expect(await dumpCatalog(t)).toEqual(before);
  });
});
