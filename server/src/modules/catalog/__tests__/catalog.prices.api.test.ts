/**
 * Prices are versions (docs/decisions/0006): an admin adds one from now or later, requests are priced
 * at the version in force, history keeps every version, and a bad edit writes nothing. This file runs
 * with CREDIT_USD 0.03 so the credit conversion (and its rounding up) is exercised, not just ×100.
 */
import { countMessageTokens } from '@tollgate/shared';
import { describe, expect, it } from 'vitest';
import {
  admin,
  ADMIN_MODELS,
  catalogRows,
  credits,
  estimate,
  estimateOk,
  expectedMicroCredits,
  expectRefused,
  fromNow,
  HISTORY,
  modelsOf,
  newUser,
  ok,
  RECOMMEND,
  SET_ACTIVE,
  SET_PRICE,
  t,
  useCatalogApp,
  type ApiModel,
} from './catalog-api-helpers.js';

const CREDIT_USD = '0.03';
useCatalogApp({ CREDIT_USD });

const PROMPT = 'Summarize the plot of Hamlet in three sentences for a ten-year-old.';
const setPrice = (input: Record<string, unknown>) => t.gql(SET_PRICE, { input }, admin.token);
type Version = { id: string; inputUsdPerMTok: string; outputUsdPerMTok: string; cachedInputUsdPerMTok: string | null; effectiveFrom: string; source: string };

describe('CREDIT_USD', () => {
  it('is reported by creditUsd and converts list prices to credits, rounded up to the micro-credit', async () => {
    expect(await ok(t.gql('{ creditUsd }'), 'creditUsd')).toBe('0.030000');
    const user = await newUser('prices');
    const byId = new Map((await modelsOf(user)).map((m) => [m.id, m]));
    // Free tier: budget 5%, standard 10%, premium 15%. $2.5 × 1.1 / 0.03 = 91.6666… → 91.666667.
    expect(byId.get('openai/gpt-4o')).toMatchObject({ inputCreditsPerMTok: '91.666667', outputCreditsPerMTok: '366.666667', markupBps: 1000 });
    expect(byId.get('google/gemini-1.5-pro')).toMatchObject({ inputCreditsPerMTok: '45.833334', outputCreditsPerMTok: '183.333334' });
    expect(byId.get('sandbox/echo')).toMatchObject({ inputCreditsPerMTok: '35.000000', outputCreditsPerMTok: '70.000000', markupBps: 500 });
    expect(byId.get('anthropic/claude-3-opus')).toMatchObject({ inputCreditsPerMTok: '575.000000', outputCreditsPerMTok: '2875.000000', markupBps: 1500 });
  });
});

describe('adminSetModelPrice', () => {
  it('adds a version that estimateCost uses from then on; before it, the old price applied', async () => {
    const user = await newUser('prices');
    const input = { model: 'openai/gpt-4o-mini', prompt: PROMPT, maxTokens: 1000 };
    const before = await estimateOk(user, input);
    const tokens = countMessageTokens([{ role: 'user', content: PROMPT }], 'openai', 'gpt-4o-mini');
    expect(before.inputTokens).toBe(tokens);
    const old = { input: '0.15', output: '0.6' };
    expect(before.maxCredits).toBe(credits(expectedMicroCredits(old, tokens, 1000, 500, CREDIT_USD)));
    expect(before.expectedCredits).toBe(credits(expectedMicroCredits(old, tokens, 250, 500, CREDIT_USD)));

    const countBefore = (await catalogRows()).priceCount;
    const version = await ok<Version>(
      setPrice({ modelId: 'openai/gpt-4o-mini', inputUsdPerMTok: '0.2', outputUsdPerMTok: '0.8', cachedInputUsdPerMTok: '0.1' }),
      'adminSetModelPrice',
    );
    expect(version).toMatchObject({ inputUsdPerMTok: '0.2', outputUsdPerMTok: '0.8', cachedInputUsdPerMTok: '0.1', source: 'admin' });
    expect(Date.parse(version.effectiveFrom)).toBeLessThanOrEqual(Date.now());
    expect((await catalogRows()).priceCount).toBe(countBefore + 1);

    const after = await estimateOk(user, input);
    const now = { input: '0.2', output: '0.8' };
    expect(after.maxCredits).toBe(credits(expectedMicroCredits(now, tokens, 1000, 500, CREDIT_USD)));
    expect(after.expectedCredits).toBe(credits(expectedMicroCredits(now, tokens, 250, 500, CREDIT_USD)));
    expect(after.maxCredits).not.toBe(before.maxCredits);

    const listed = (await modelsOf(user)).find((m) => m.id === 'openai/gpt-4o-mini')!;
    expect(listed).toMatchObject({ inputUsdPerMTok: '0.2', outputUsdPerMTok: '0.8', cachedInputUsdPerMTok: '0.1', priceEffectiveFrom: version.effectiveFrom });
    expect(listed.outputCreditsPerMTok).toBe(credits(expectedMicroCredits(now, 0, 1_000_000, 500, CREDIT_USD)));

    const history = await ok<Version[]>(t.gql(HISTORY, { modelId: 'openai/gpt-4o-mini' }, admin.token), 'modelPriceHistory');
    expect(history.map((h) => [h.inputUsdPerMTok, h.outputUsdPerMTok, h.source])).toEqual([
      ['0.2', '0.8', 'admin'],
      ['0.15', '0.6', 'https://openai.com/api/pricing'],
    ]);
    expect(history[0]!.id).toBe(version.id);
    const createdBy = await catalogRows().then((r) => r.prices.find((p) => p.id === version.id)?.created_by);
    expect(createdBy).toBe(admin.id);
  });

  it('does not apply a version with a later effectiveFrom yet, and lists it first in the history', async () => {
    const user = await newUser('prices');
    const input = { model: 'google/gemini-2.0-flash', prompt: PROMPT, maxTokens: 800 };
    const before = await estimateOk(user, input);
    const effectiveFrom = fromNow(3_600_000);
    const future = await ok<Version>(
      setPrice({ modelId: 'google/gemini-2.0-flash', inputUsdPerMTok: '0.5', outputUsdPerMTok: '1.9', effectiveFrom }),
      'adminSetModelPrice',
    );
    expect(future.effectiveFrom).toBe(effectiveFrom);

    const after = await estimateOk(user, input);
    expect(after).toEqual(before);
    expect(after.maxCredits).toBe(credits(expectedMicroCredits({ input: '0.1', output: '0.4' }, before.inputTokens, 800, 500, CREDIT_USD)));
    expect((await modelsOf(user)).find((m) => m.id === 'google/gemini-2.0-flash')).toMatchObject({ inputUsdPerMTok: '0.1', outputUsdPerMTok: '0.4' });

    const history = await ok<Version[]>(t.gql(HISTORY, { modelId: 'google/gemini-2.0-flash' }, admin.token), 'modelPriceHistory');
    expect(history.map((h) => h.id)[0]).toBe(future.id);
    expect(history.map((h) => h.inputUsdPerMTok)).toEqual(['0.5', '0.1']);
    const times = history.map((h) => Date.parse(h.effectiveFrom));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('derives the price class from the version in force: a cheaper price moves a model into budget for free users', async () => {
    const user = await newUser('prices');
    const id = 'openrouter/anthropic/claude-3.5-sonnet';
    expect((await modelsOf(user)).find((m) => m.id === id)).toMatchObject({ priceClass: 'STANDARD', allowed: false, markupBps: 1000 });
    await expectRefused(() => estimate(user, { model: id, prompt: PROMPT }), 'MODEL_NOT_ALLOWED');
    await ok(setPrice({ modelId: id, inputUsdPerMTok: '0.5', outputUsdPerMTok: '2' }), 'adminSetModelPrice');
    expect((await modelsOf(user)).find((m) => m.id === id)).toMatchObject({ priceClass: 'BUDGET', allowed: true, markupBps: 500 });
    const e = await estimateOk(user, { model: id, prompt: PROMPT, maxTokens: 100 });
    expect(e.maxCredits).toBe(credits(expectedMicroCredits({ input: '0.5', output: '2' }, e.inputTokens, 100, 500, CREDIT_USD)));
  });
});

describe('adminSetModelPrice refuses a bad edit and writes nothing', () => {
  const base = { modelId: 'openai/gpt-3.5-turbo', inputUsdPerMTok: '1', outputUsdPerMTok: '2' };
  const cases: Array<[string, Record<string, unknown>]> = [
    ['a negative price', { inputUsdPerMTok: '-1' }],
    ['a negative output price', { outputUsdPerMTok: '-0.5' }],
    ['more than 3 decimals', { inputUsdPerMTok: '0.0001' }],
    ['exponent notation', { outputUsdPerMTok: '1e3' }],
    ['not a number', { inputUsdPerMTok: 'abc' }],
    ['an empty price', { outputUsdPerMTok: '' }],
    ['a cached price above the input price', { inputUsdPerMTok: '1', cachedInputUsdPerMTok: '1.001' }],
    ['a cached price with too many decimals', { cachedInputUsdPerMTok: '0.0005' }],
    ['an effectiveFrom in the past', { effectiveFrom: fromNow(-3_600_000) }],
  ];
  for (const [label, patch] of cases) {
    it(`${label} → BAD_USER_INPUT`, async () => {
      await expectRefused(() => setPrice({ ...base, ...patch }), 'BAD_USER_INPUT');
    });
  }

  it('an unknown model → NOT_FOUND', async () => {
    await expectRefused(() => setPrice({ ...base, modelId: 'openai/gpt-9' }), 'NOT_FOUND');
  });

  it('a second version at the same effectiveFrom → BAD_USER_INPUT', async () => {
    const effectiveFrom = fromNow(7_200_000);
    await ok(setPrice({ ...base, effectiveFrom }), 'adminSetModelPrice');
    await expectRefused(() => setPrice({ ...base, inputUsdPerMTok: '3', effectiveFrom }), 'BAD_USER_INPUT');
  });

  it('a non-admin → FORBIDDEN', async () => {
    const user = await newUser('prices');
    await expectRefused(() => t.gql(SET_PRICE, { input: base }, user.token), 'FORBIDDEN');
  });

  it('a price too large to store → BAD_USER_INPUT, not INTERNAL_SERVER_ERROR', async () => {
    await expectRefused(() => setPrice({ ...base, inputUsdPerMTok: '99999999999999999' }), 'BAD_USER_INPUT');
  });
});

describe('adminSetModelActive', () => {
  it('removes a deactivated model from models, refuses estimates on it, and brings it back when reactivated', async () => {
    const user = await newUser('prices');
    const id = 'google/gemini-1.5-flash';
    await estimateOk(user, { model: id, prompt: PROMPT });
    expect(await ok(t.gql(SET_ACTIVE, { modelId: id, active: false }, admin.token), 'adminSetModelActive')).toBe(false);

    expect((await modelsOf(user)).map((m) => m.id)).not.toContain(id);
    await expectRefused(() => estimate(user, { model: id, prompt: PROMPT }), 'NOT_FOUND');
    const adminView = await ok<Array<{ id: string; active: boolean }>>(t.gql(ADMIN_MODELS, {}, admin.token), 'adminModels');
    expect(adminView.find((m) => m.id === id)).toMatchObject({ active: false });
    const recommendation = await ok<{ model: string; alternatives: Array<{ model: string }> }>(
      t.gql(RECOMMEND, { prompt: 'Translate "good morning" into Spanish.' }, user.token),
      'recommendModel',
    );
    expect([recommendation.model, ...recommendation.alternatives.map((a) => a.model)]).not.toContain(id);

    expect(await ok(t.gql(SET_ACTIVE, { modelId: id, active: true }, admin.token), 'adminSetModelActive')).toBe(true);
    expect((await modelsOf(user)).find((m: ApiModel) => m.id === id)).toMatchObject({ active: true, allowed: true });
    await estimateOk(user, { model: id, prompt: PROMPT });
  });

  it('an unknown model → NOT_FOUND; a non-admin → FORBIDDEN; nothing written', async () => {
    const user = await newUser('prices');
    await expectRefused(() => t.gql(SET_ACTIVE, { modelId: 'nope/model', active: false }, admin.token), 'NOT_FOUND');
    await expectRefused(() => t.gql(SET_ACTIVE, { modelId: 'openai/gpt-4o', active: false }, user.token), 'FORBIDDEN');
  });

  it('modelPriceHistory: unknown model → NOT_FOUND, non-admin → FORBIDDEN', async () => {
    const user = await newUser('prices');
    await expectRefused(() => t.gql(HISTORY, { modelId: 'nope/model' }, admin.token), 'NOT_FOUND');
    await expectRefused(() => t.gql(HISTORY, { modelId: 'openai/gpt-4o' }, user.token), 'FORBIDDEN');
  });
});
