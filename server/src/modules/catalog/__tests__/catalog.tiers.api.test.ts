/**
 * Tiers (docs/decisions/0006): what a tier allows (models by price class, output tokens per
 * request), who may change a user's tier (a user only down to free, an admin to anything), and the
 * admin's edits to a tier's limits. Every refusal leaves the tier and app_user rows as they were.
 */
import { describe, expect, it } from 'vitest';
import { withClient } from '../../../test-support/database.js';
import { createKey } from '../../auth/__tests__/helpers.js';
import {
  admin,
  catalogRows,
  estimate,
  estimateOk,
  expectRefused,
  ME,
  newUser,
  ok,
  SET_TIER,
  setTier,
  SWITCH_TIER,
  t,
  TIERS,
  UPDATE_TIER,
  useCatalogApp,
} from './catalog-api-helpers.js';

useCatalogApp();

const PROMPT = 'What is the capital of Australia?';
const tierCodeInDb = (userId: string) =>
  withClient(t.databaseUrl, async (c) => (await c.query('select tier_code from app_user where id = $1', [userId])).rows[0]?.tier_code as string);
const me = async (token: string) =>
  ok<{ id: string; tier: { code: string; name: string; maxTokensPerRequest: number; markupBps: number | null } }>(t.gql(ME, {}, token), 'me');

describe('tiers', () => {
  it('lists the four tiers cheapest first with their limits, without signing in', async () => {
    const tiers = await ok<Array<Record<string, unknown>>>(t.gql(TIERS), 'tiers');
    expect(tiers.map((x) => x.code)).toEqual(['free', 'starter', 'pro', 'enterprise']);
    expect(
      tiers.map(({ code, name, monthlyPriceUsd, monthlyCredits, maxTokensPerRequest, requestsPerMinute, allowedPriceClasses, markupBps, byokAllowed }) => ({
        code,
        name,
        monthlyPriceUsd,
        monthlyCredits,
        maxTokensPerRequest,
        requestsPerMinute,
        allowedPriceClasses,
        markupBps,
        byokAllowed,
      })),
    ).toEqual([
      {
        code: 'free',
        name: 'Free',
        monthlyPriceUsd: '0.00',
        monthlyCredits: '0.000000',
        maxTokensPerRequest: 2048,
        requestsPerMinute: 20,
        allowedPriceClasses: ['FREE', 'BUDGET'],
        markupBps: null,
        byokAllowed: false,
      },
      {
        code: 'starter',
        name: 'Starter',
        monthlyPriceUsd: '9.00',
        monthlyCredits: '1000.000000',
        maxTokensPerRequest: 4096,
        requestsPerMinute: 60,
        allowedPriceClasses: ['FREE', 'BUDGET', 'STANDARD'],
        markupBps: 1000,
        byokAllowed: false,
      },
      {
        code: 'pro',
        name: 'Pro',
        monthlyPriceUsd: '29.00',
        monthlyCredits: '3500.000000',
        maxTokensPerRequest: 8192,
        requestsPerMinute: 120,
        allowedPriceClasses: ['FREE', 'BUDGET', 'STANDARD', 'PREMIUM'],
        markupBps: 500,
        byokAllowed: true,
      },
      {
        code: 'enterprise',
        name: 'Enterprise',
        monthlyPriceUsd: '99.00',
        monthlyCredits: '12500.000000',
        maxTokensPerRequest: 16384,
        requestsPerMinute: 600,
        allowedPriceClasses: ['FREE', 'BUDGET', 'STANDARD', 'PREMIUM'],
        markupBps: 0,
        byokAllowed: true,
      },
    ]);
  });

  it('me shows a new user on the free tier', async () => {
    const user = await newUser('tiers');
    expect((await me(user.token)).tier).toEqual({ code: 'free', name: 'Free', maxTokensPerRequest: 2048, markupBps: null });
    expect(await tierCodeInDb(user.id)).toBe('free');
  });
});

describe('what a tier allows on estimateCost', () => {
  it('refuses a model outside the tier with MODEL_NOT_ALLOWED (standard and premium on free, premium on starter)', async () => {
    const user = await newUser('tiers');
    await expectRefused(() => estimate(user, { model: 'openai/gpt-4o', prompt: PROMPT }), 'MODEL_NOT_ALLOWED');
    await expectRefused(() => estimate(user, { model: 'anthropic/claude-3-opus', prompt: PROMPT }), 'MODEL_NOT_ALLOWED');
    await setTier(user.id, 'starter');
    await estimateOk(user, { model: 'openai/gpt-4o', prompt: PROMPT });
    await expectRefused(() => estimate(user, { model: 'anthropic/claude-3-opus', prompt: PROMPT }), 'MODEL_NOT_ALLOWED');
  });

  it('refuses maxTokens above the tier cap but within the model cap with TIER_LIMIT_EXCEEDED', async () => {
    const user = await newUser('tiers');
    // gpt-4o-mini writes up to 16,384 tokens; the free tier allows 2,048 per request.
    expect((await estimateOk(user, { model: 'openai/gpt-4o-mini', prompt: PROMPT, maxTokens: 2048 })).maxOutputTokens).toBe(2048);
    const res = await expectRefused(() => estimate(user, { model: 'openai/gpt-4o-mini', prompt: PROMPT, maxTokens: 2049 }), 'TIER_LIMIT_EXCEEDED');
    expect(res.errors![0]!.message).toContain('2048');
  });

  it('refuses maxTokens above the model cap but within the tier cap with BAD_USER_INPUT', async () => {
    const user = await newUser('tiers');
    await setTier(user.id, 'enterprise');
    await expectRefused(() => estimate(user, { model: 'openai/gpt-4-turbo', prompt: PROMPT, maxTokens: 4097 }), 'BAD_USER_INPUT');
    expect((await estimateOk(user, { model: 'openai/gpt-4-turbo', prompt: PROMPT, maxTokens: 4096 })).maxOutputTokens).toBe(4096);
  });

  for (const maxTokens of [0, -5, 2_000_000]) {
    it(`refuses maxTokens ${maxTokens} with BAD_USER_INPUT`, async () => {
      const user = await newUser('tiers');
      await expectRefused(() => estimate(user, { model: 'openai/gpt-4o-mini', prompt: PROMPT, maxTokens }), 'BAD_USER_INPUT');
    });
  }

  it("defaults maxTokens to the smaller of the tier's and the model's cap", async () => {
    const user = await newUser('tiers');
    const budget = async (model: string) => (await estimateOk(user, { model, prompt: PROMPT })).maxOutputTokens;
    expect(await budget('openai/gpt-4o-mini')).toBe(2048); // free 2,048 < model 16,384
    await setTier(user.id, 'pro');
    expect(await budget('openai/gpt-4o-mini')).toBe(8192); // pro 8,192 < 16,384
    expect(await budget('openai/gpt-4-turbo')).toBe(4096); // model 4,096 < pro 8,192
    await setTier(user.id, 'enterprise');
    expect(await budget('openai/gpt-4o')).toBe(16384); // both 16,384
    expect(await budget('anthropic/claude-3.5-sonnet')).toBe(8192); // model 8,192 < 16,384
  });
});

describe('changing a user’s tier', () => {
  it('switchTier to a paid tier by the user → FORBIDDEN, nothing written', async () => {
    const user = await newUser('tiers');
    for (const tier of ['starter', 'pro', 'enterprise', 'gold']) {
      await expectRefused(() => t.gql(SWITCH_TIER, { tier }, user.token), 'FORBIDDEN');
    }
    expect(await tierCodeInDb(user.id)).toBe('free');
  });

  it('switchTier("free") steps a pro user down, and the free rules apply at once', async () => {
    const user = await newUser('tiers');
    await setTier(user.id, 'pro');
    await estimateOk(user, { model: 'anthropic/claude-3-opus', prompt: PROMPT });
    const switched = await ok(t.gql(SWITCH_TIER, { tier: 'free' }, user.token), 'switchTier');
    expect(switched).toEqual({ id: user.id, tier: { code: 'free', maxTokensPerRequest: 2048 } });
    expect(await tierCodeInDb(user.id)).toBe('free');
    expect((await me(user.token)).tier.code).toBe('free');
    await expectRefused(() => estimate(user, { model: 'anthropic/claude-3-opus', prompt: PROMPT }), 'MODEL_NOT_ALLOWED');
  });

  it('switchTier needs a signed-in session: an API key → FORBIDDEN; no token → UNAUTHENTICATED', async () => {
    const user = await newUser('tiers');
    await setTier(user.id, 'pro');
    const key = await createKey(t, user.token, ['read', 'completions']);
    await expectRefused(() => t.gql(SWITCH_TIER, { tier: 'free' }, key.secret), 'FORBIDDEN');
    await expectRefused(() => t.gql(SWITCH_TIER, { tier: 'free' }), 'UNAUTHENTICATED');
    expect(await tierCodeInDb(user.id)).toBe('pro');
  });

  it('adminSetTier moves a user to any tier; me and the database agree', async () => {
    const user = await newUser('tiers');
    for (const [code, cap] of [
      ['starter', 4096],
      ['enterprise', 16384],
      ['free', 2048],
    ] as const) {
      expect(await setTier(user.id, code)).toEqual({ id: user.id, tier: { code, maxTokensPerRequest: cap } });
      expect((await me(user.token)).tier).toMatchObject({ code, maxTokensPerRequest: cap });
      expect(await tierCodeInDb(user.id)).toBe(code);
    }
  });

  it('adminSetTier by a non-admin → FORBIDDEN, even on themselves', async () => {
    const [user, other] = [await newUser('tiers'), await newUser('tiers')];
    await expectRefused(() => t.gql(SET_TIER, { userId: user.id, tier: 'enterprise' }, user.token), 'FORBIDDEN');
    await expectRefused(() => t.gql(SET_TIER, { userId: other.id, tier: 'pro' }, user.token), 'FORBIDDEN');
  });

  it('adminSetTier to an unknown tier → BAD_USER_INPUT; to an unknown user → NOT_FOUND', async () => {
    const user = await newUser('tiers');
    for (const tier of ['gold', '', 'FREE', 'pro ']) {
      await expectRefused(() => t.gql(SET_TIER, { userId: user.id, tier }, admin.token), 'BAD_USER_INPUT');
    }
    await expectRefused(() => t.gql(SET_TIER, { userId: '00000000-0000-4000-8000-000000000000', tier: 'pro' }, admin.token), 'NOT_FOUND');
  });

  it('adminSetTier with a malformed user id → NOT_FOUND or BAD_USER_INPUT, not INTERNAL_SERVER_ERROR', async () => {
    const before = await catalogRows();
    const res = await t.gql(SET_TIER, { userId: 'not-a-uuid', tier: 'pro' }, admin.token);
    expect(['NOT_FOUND', 'BAD_USER_INPUT']).toContain(res.errors?.[0]?.extensions?.code);
    expect(await catalogRows()).toEqual(before);
  });
});

describe('adminUpdateTier', () => {
  it('changes a tier’s limits, and estimateCost follows them', async () => {
    const user = await newUser('tiers');
    await setTier(user.id, 'starter');
    const updated = await ok(
      t.gql(UPDATE_TIER, { code: 'starter', input: { maxTokensPerRequest: 3000, requestsPerMinute: 90 } }, admin.token),
      'adminUpdateTier',
    );
    expect(updated).toMatchObject({ code: 'starter', maxTokensPerRequest: 3000, requestsPerMinute: 90, markupBps: 1000, monthlyPriceUsd: '9.00' });
    expect((await ok<Array<{ code: string; maxTokensPerRequest: number }>>(t.gql(TIERS), 'tiers')).find((x) => x.code === 'starter')?.maxTokensPerRequest).toBe(
      3000,
    );
    expect((await me(user.token)).tier.maxTokensPerRequest).toBe(3000);
    expect((await estimateOk(user, { model: 'openai/gpt-4o-mini', prompt: PROMPT })).maxOutputTokens).toBe(3000);
    await expectRefused(() => estimate(user, { model: 'openai/gpt-4o-mini', prompt: PROMPT, maxTokens: 3001 }), 'TIER_LIMIT_EXCEEDED');
    await ok(t.gql(UPDATE_TIER, { code: 'starter', input: { maxTokensPerRequest: 4096, requestsPerMinute: 60 } }, admin.token), 'adminUpdateTier');
  });

  it('can let a tier use a model by name and drop its markup override', async () => {
    const user = await newUser('tiers');
    await setTier(user.id, 'starter');
    await expectRefused(() => estimate(user, { model: 'anthropic/claude-3-opus', prompt: PROMPT }), 'MODEL_NOT_ALLOWED');
    const updated = await ok(
      t.gql(UPDATE_TIER, { code: 'starter', input: { allowedModels: ['anthropic/claude-3-opus'], markupBps: null } }, admin.token),
      'adminUpdateTier',
    );
    expect(updated).toMatchObject({ allowedModels: ['anthropic/claude-3-opus'], markupBps: null });
    await estimateOk(user, { model: 'anthropic/claude-3-opus', prompt: PROMPT, maxTokens: 10 });
    // Without the override, starter users pay the class markup: premium 15%.
    const models = await ok<Array<{ id: string; markupBps: number; allowed: boolean }>>(t.gql('{ models { id markupBps allowed } }', {}, user.token), 'models');
    expect(models.find((m) => m.id === 'anthropic/claude-3-opus')).toEqual({ id: 'anthropic/claude-3-opus', markupBps: 1500, allowed: true });
    await ok(t.gql(UPDATE_TIER, { code: 'starter', input: { allowedModels: [], markupBps: 1000 } }, admin.token), 'adminUpdateTier');
  });

  const bad: Array<[string, Record<string, unknown>]> = [
    ['maxTokensPerRequest 0', { maxTokensPerRequest: 0 }],
    ['maxTokensPerRequest -1', { maxTokensPerRequest: -1 }],
    ['maxTokensPerRequest above 1,000,000', { maxTokensPerRequest: 1_000_001 }],
    ['requestsPerMinute 0', { requestsPerMinute: 0 }],
    ['markupBps above 10000', { markupBps: 10_001 }],
    ['a negative markupBps', { markupBps: -1 }],
    ['a negative monthly price', { monthlyPriceCents: -100 }],
    ['a blank name', { name: '   ' }],
    ['negative monthly credits', { monthlyCredits: '-5' }],
    ['monthly credits with 7 decimals', { monthlyCredits: '1.0000001' }],
    ['out-of-range monthly credits', { monthlyCredits: '999999999999999' }],
    ['an unknown price class', { allowedPriceClasses: ['GOLD'] }],
    ['a blank model name', { allowedModels: [' '] }],
    ['a valid name with an invalid limit', { name: 'Renamed', maxTokensPerRequest: 0 }],
  ];
  for (const [label, input] of bad) {
    it(`refuses ${label} with BAD_USER_INPUT and writes nothing`, async () => {
      await expectRefused(() => t.gql(UPDATE_TIER, { code: 'pro', input }, admin.token), 'BAD_USER_INPUT');
    });
  }

  it('refuses allowedModels naming a model that does not exist with BAD_USER_INPUT', async () => {
    try {
      await expectRefused(() => t.gql(UPDATE_TIER, { code: 'pro', input: { allowedModels: ['openai/gpt-4o-mimi'] } }, admin.token), 'BAD_USER_INPUT');
    } finally {
      await t.gql(UPDATE_TIER, { code: 'pro', input: { allowedModels: [] } }, admin.token);
    }
  });

  it('an unknown tier → NOT_FOUND; a non-admin → FORBIDDEN; nothing written', async () => {
    const user = await newUser('tiers');
    await expectRefused(() => t.gql(UPDATE_TIER, { code: 'gold', input: { name: 'Gold' } }, admin.token), 'NOT_FOUND');
    await expectRefused(() => t.gql(UPDATE_TIER, { code: 'free', input: { maxTokensPerRequest: 100_000 } }, user.token), 'FORBIDDEN');
  });
});
