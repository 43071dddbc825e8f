/**
 * Markup (docs/decisions/0006): `models` shows each user the credits per 1M tokens they actually
 * pay. Free models → 0; a tier's own markup (starter 10%, pro 5%, enterprise 0%) → that; otherwise
 * the price-class markup (budget 5%, standard 10%, premium 15%). The free tier has no override.
 * Expected figures are computed here from the list prices and CREDIT_USD (default 0.01).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { credits, expectedMicroCredits, modelsOf, newUser, setTier, useCatalogApp, type ApiModel, type User } from './catalog-api-helpers.js';

useCatalogApp();

/** Seeded list prices, USD per 1M tokens, and the class each falls in. */
const PRICES: Record<string, { input: string; output: string; cls: 'free' | 'budget' | 'standard' | 'premium' }> = {
  'openai/gpt-4o': { input: '2.5', output: '10', cls: 'standard' },
  'openai/gpt-4o-mini': { input: '0.15', output: '0.6', cls: 'budget' },
  'openai/gpt-4-turbo': { input: '10', output: '30', cls: 'premium' },
  'openai/gpt-3.5-turbo': { input: '0.5', output: '1.5', cls: 'budget' },
  'anthropic/claude-3-opus': { input: '15', output: '75', cls: 'premium' },
  'anthropic/claude-3.5-sonnet': { input: '3', output: '15', cls: 'standard' },
  'anthropic/claude-3.5-haiku': { input: '0.8', output: '4', cls: 'standard' },
  'google/gemini-2.0-flash': { input: '0.1', output: '0.4', cls: 'budget' },
  'google/gemini-1.5-pro': { input: '1.25', output: '5', cls: 'standard' },
  'google/gemini-1.5-flash': { input: '0.075', output: '0.3', cls: 'budget' },
  'openrouter/meta-llama/llama-3.1-8b-instruct:free': { input: '0', output: '0', cls: 'free' },
  'openrouter/mistralai/mistral-7b-instruct:free': { input: '0', output: '0', cls: 'free' },
  'openrouter/anthropic/claude-3.5-sonnet': { input: '3', output: '15', cls: 'standard' },
  'sandbox/echo': { input: '1', output: '2', cls: 'budget' },
};
const CLASS_BPS = { free: 0, budget: 500, standard: 1000, premium: 1500 };

/** What a user on `tier` should see for every model. */
function expectedView(tier: 'free' | 'starter' | 'pro' | 'enterprise') {
  const override = { free: null, starter: 1000, pro: 500, enterprise: 0 }[tier];
  const allowedClasses = {
    free: ['free', 'budget'],
    starter: ['free', 'budget', 'standard'],
    pro: ['free', 'budget', 'standard', 'premium'],
    enterprise: ['free', 'budget', 'standard', 'premium'],
  }[tier];
  return Object.entries(PRICES).map(([id, p]) => {
    const markupBps = p.cls === 'free' ? 0 : (override ?? CLASS_BPS[p.cls]);
    return {
      id,
      priceClass: p.cls.toUpperCase(),
      markupBps,
      allowed: allowedClasses.includes(p.cls),
      inputCreditsPerMTok: credits(expectedMicroCredits(p, 1_000_000, 0, markupBps)),
      outputCreditsPerMTok: credits(expectedMicroCredits(p, 0, 1_000_000, markupBps)),
    };
  });
}

/** The pricing fields of the seeded models (models added later are not this file's business). */
const view = (models: ApiModel[]) =>
  models
    .filter((m) => m.id in PRICES)
    .map(({ id, priceClass, markupBps, allowed, inputCreditsPerMTok, outputCreditsPerMTok }) => ({
      id,
      priceClass,
      markupBps,
      allowed,
      inputCreditsPerMTok,
      outputCreditsPerMTok,
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
const sorted = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
const byId = async (user: User) => new Map((await modelsOf(user)).map((m) => [m.id, m]));

describe('the price each user pays per 1M tokens', () => {
  let user: User;
  beforeAll(async () => {
    user = await newUser('markup');
  });

  it('free tier: class markup, budget 5%, standard 10% (shown but not allowed), premium 15%, free models 0', async () => {
    const models = await modelsOf(user);
    expect(view(models)).toEqual(sorted(expectedView('free')));
    const m = await byId(user);
    // Hand-checked: $0.15 → 15 credits × 1.05; $10 → 1000 × 1.10; $75 → 7500 × 1.15.
    expect(m.get('openai/gpt-4o-mini')).toMatchObject({ inputCreditsPerMTok: '15.750000', outputCreditsPerMTok: '63.000000', markupBps: 500, allowed: true });
    expect(m.get('openai/gpt-4o')).toMatchObject({ inputCreditsPerMTok: '275.000000', outputCreditsPerMTok: '1100.000000', markupBps: 1000, allowed: false });
    expect(m.get('anthropic/claude-3-opus')).toMatchObject({
      inputCreditsPerMTok: '1725.000000',
      outputCreditsPerMTok: '8625.000000',
      markupBps: 1500,
      allowed: false,
    });
    expect(m.get('sandbox/echo')).toMatchObject({ inputCreditsPerMTok: '105.000000', outputCreditsPerMTok: '210.000000', allowed: true });
    expect(m.get('openrouter/meta-llama/llama-3.1-8b-instruct:free')).toMatchObject({
      inputCreditsPerMTok: '0.000000',
      outputCreditsPerMTok: '0.000000',
      markupBps: 0,
      allowed: true,
    });
    // $0.075 × 1.05 / $0.01 = 7.875 credits.
    expect(m.get('google/gemini-1.5-flash')).toMatchObject({ inputCreditsPerMTok: '7.875000', outputCreditsPerMTok: '31.500000' });
  });

  it('starter: its 10% override on every paid model, premium not allowed', async () => {
    await setTier(user.id, 'starter');
    expect(view(await modelsOf(user))).toEqual(sorted(expectedView('starter')));
    const m = await byId(user);
    expect(m.get('openai/gpt-4o-mini')).toMatchObject({ inputCreditsPerMTok: '16.500000', markupBps: 1000, allowed: true });
    expect(m.get('anthropic/claude-3.5-sonnet')).toMatchObject({ outputCreditsPerMTok: '1650.000000', markupBps: 1000, allowed: true });
    expect(m.get('openai/gpt-4-turbo')).toMatchObject({ markupBps: 1000, allowed: false });
  });

  it('pro: the 5% override applies to every paid model, premium included', async () => {
    await setTier(user.id, 'pro');
    expect(view(await modelsOf(user))).toEqual(sorted(expectedView('pro')));
    const m = await byId(user);
    expect(m.get('openai/gpt-4o')).toMatchObject({ inputCreditsPerMTok: '262.500000', outputCreditsPerMTok: '1050.000000', markupBps: 500, allowed: true });
    expect(m.get('anthropic/claude-3-opus')).toMatchObject({
      inputCreditsPerMTok: '1575.000000',
      outputCreditsPerMTok: '7875.000000',
      markupBps: 500,
      allowed: true,
    });
    expect(m.get('openai/gpt-4o-mini')).toMatchObject({ inputCreditsPerMTok: '15.750000', markupBps: 500 });
  });

  it('enterprise: no markup at all, list price converted at CREDIT_USD', async () => {
    await setTier(user.id, 'enterprise');
    expect(view(await modelsOf(user))).toEqual(sorted(expectedView('enterprise')));
    const m = await byId(user);
    expect(m.get('anthropic/claude-3-opus')).toMatchObject({
      inputCreditsPerMTok: '1500.000000',
      outputCreditsPerMTok: '7500.000000',
      markupBps: 0,
      allowed: true,
    });
    expect(m.get('sandbox/echo')).toMatchObject({ inputCreditsPerMTok: '100.000000', outputCreditsPerMTok: '200.000000', markupBps: 0 });
  });

  it('free models cost 0 on every tier', async () => {
    for (const tier of ['free', 'starter', 'pro', 'enterprise']) {
      await setTier(user.id, tier);
      for (const m of (await modelsOf(user)).filter((x) => x.id.endsWith(':free'))) {
        expect(m, `${tier} ${m.id}`).toMatchObject({
          priceClass: 'FREE',
          markupBps: 0,
          inputCreditsPerMTok: '0.000000',
          outputCreditsPerMTok: '0.000000',
          allowed: true,
        });
      }
    }
  });

  it('users on different tiers see their own prices at the same time', async () => {
    const [free, pro] = [await newUser('markup'), await newUser('markup')];
    await setTier(pro.id, 'pro');
    const [f, p] = [await byId(free), await byId(pro)];
    expect(f.get('anthropic/claude-3.5-haiku')).toMatchObject({ inputCreditsPerMTok: '88.000000', markupBps: 1000, allowed: false });
    expect(p.get('anthropic/claude-3.5-haiku')).toMatchObject({ inputCreditsPerMTok: '84.000000', markupBps: 500, allowed: true });
    // List prices are the same for everyone.
    expect(f.get('anthropic/claude-3.5-haiku')!.inputUsdPerMTok).toBe(p.get('anthropic/claude-3.5-haiku')!.inputUsdPerMTok);
  });
});
