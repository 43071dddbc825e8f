import { countMessageTokens } from '@tollgate/shared';
import { describe, expect, it } from 'vitest';
import { estimateLocally, outputBudget, parseMaxTokens, type EstimateInput, type EstimatorModel } from '../client-estimate';

// The seeded sandbox model: $1 in, $2 out per 1M tokens, budget class (5% markup on the free tier).
const echo: EstimatorModel = {
  id: 'sandbox/echo',
  displayName: 'Sandbox echo',
  provider: 'sandbox',
  providerModel: 'echo',
  inputUsdPerMTok: '1',
  outputUsdPerMTok: '2',
  markupBps: 500,
  maxOutputTokens: 4_096,
  contextWindow: 128_000,
  allowed: true,
};
const flash: EstimatorModel = {
  ...echo,
  id: 'google/gemini-2.0-flash',
  displayName: 'Gemini 2.0 Flash',
  provider: 'google',
  providerModel: 'gemini-2.0-flash',
  inputUsdPerMTok: '0.1',
  outputUsdPerMTok: '0.4',
  maxOutputTokens: 8_192,
  contextWindow: 1_048_576,
};
const free = { name: 'Free', maxTokensPerRequest: 2_048 };

const input = (overrides: Partial<EstimateInput> = {}): EstimateInput => ({
  model: echo,
  modelId: echo.id,
  tier: free,
  prompt: 'Hello world',
  maxTokens: null,
  creditUsd: '0.010000',
  available: '10.000000',
  count: countMessageTokens,
  ...overrides,
});

describe('estimateLocally', () => {
  it('prices a sandbox prompt to the micro-credit, as the server does', () => {
    // "Hello world" is 2 o200k tokens; with the chat framing (3 + role 1 + priming 3) the prompt is 9.
    // Budget: min(model 4096, tier 2048) = 2048; expected output a quarter of it, 512.
    // max      = (9 × 1000 + 2048 × 2000) nano$ × 1.05 / 0.01 $ = 0.431025 credits
    // expected = (9 × 1000 +  512 × 2000) nano$ × 1.05 / 0.01 $ = 0.108465 credits
    expect(estimateLocally(input())).toEqual({
      ok: true,
      figures: { model: 'sandbox/echo', inputTokens: 9, maxOutputTokens: 2_048, expectedCredits: '0.108465', maxCredits: '0.431025', affordable: true },
    });
  });

  it('uses the output budget asked for, and expects a quarter of it', () => {
    // max = (9 × 1000 + 100 × 2000) × 1.05 / 10^4 micro = 21945; expected output 25: (9000 + 50000) × 1.05 → 6195.
    const outcome = estimateLocally(input({ maxTokens: 100 }));
    expect(outcome).toMatchObject({ ok: true, figures: { maxOutputTokens: 100, maxCredits: '0.021945', expectedCredits: '0.006195' } });
  });

  it('rounds a fraction of a micro-credit up, once', () => {
    // At $0.001 per 1M (1 nano$ a token): 9 + 1 tokens = 10 nano$, × 1.05 = 10.5 nano$ = 1.05 micro-credits → 2.
    const cheap = { ...echo, inputUsdPerMTok: '0.001', outputUsdPerMTok: '0.001' };
    expect(estimateLocally(input({ model: cheap, maxTokens: 1 }))).toMatchObject({
      ok: true,
      figures: { maxCredits: '0.000002', expectedCredits: '0.000002' },
    });
  });

  it('counts Google models with the documented 125% approximation of the larger OpenAI count', () => {
    const outcome = estimateLocally(input({ model: flash, modelId: flash.id, prompt: 'Summarize this article about tide pools in three sentences.' }));
    const exact = countMessageTokens([{ role: 'user', content: 'Summarize this article about tide pools in three sentences.' }], 'openai', 'gpt-4o');
    expect(outcome.ok && outcome.figures.inputTokens).toBeGreaterThan(exact);
    expect(outcome.ok && outcome.figures.inputTokens).toBe(
      countMessageTokens([{ role: 'user', content: 'Summarize this article about tide pools in three sentences.' }], 'google', 'gemini-2.0-flash'),
    );
  });

  it('says whether the available balance covers the maximum, and nothing while it is unknown', () => {
    expect(estimateLocally(input({ available: '0.431025' }))).toMatchObject({ figures: { affordable: true } });
    expect(estimateLocally(input({ available: '0.431024' }))).toMatchObject({ figures: { affordable: false } });
    expect(estimateLocally(input({ available: '-1.000000' }))).toMatchObject({ figures: { affordable: false } });
    expect(estimateLocally(input({ available: undefined }))).toMatchObject({ figures: { affordable: null } });
  });

  it("refuses a model outside the user's tier with MODEL_NOT_ALLOWED", () => {
    const opus = { ...echo, id: 'anthropic/claude-3-opus', allowed: false };
    expect(estimateLocally(input({ model: opus, modelId: opus.id }))).toEqual({
      ok: false,
      problem: { code: 'MODEL_NOT_ALLOWED', message: 'Your Free tier does not include anthropic/claude-3-opus', field: 'model' },
    });
  });

  it("refuses an output budget over the tier's cap with TIER_LIMIT_EXCEEDED, before the model's", () => {
    expect(estimateLocally(input({ maxTokens: 4_096 }))).toMatchObject({ ok: false, problem: { code: 'TIER_LIMIT_EXCEEDED', field: 'maxTokens' } });
    const pro = { name: 'Pro', maxTokensPerRequest: 8_192 };
    expect(estimateLocally(input({ tier: pro, maxTokens: 8_000 }))).toMatchObject({
      ok: false,
      problem: { code: 'BAD_USER_INPUT', message: 'Sandbox echo writes at most 4096 tokens' },
    });
  });

  it('refuses an empty prompt, an unknown model and a prompt beyond the context window', () => {
    expect(estimateLocally(input({ prompt: '   ' }))).toMatchObject({ ok: false, problem: { code: 'BAD_USER_INPUT', field: 'prompt' } });
    expect(estimateLocally(input({ model: undefined, modelId: 'nope/model' }))).toMatchObject({ ok: false, problem: { code: 'NOT_FOUND' } });
    const tiny = { ...echo, contextWindow: 2_050 };
    expect(estimateLocally(input({ model: tiny }))).toMatchObject({ ok: false, problem: { code: 'BAD_USER_INPUT', field: 'prompt' } });
  });
});

describe('outputBudget', () => {
  it('defaults to the smaller of the model cap and the tier cap', () => {
    expect(outputBudget(echo, free, null)).toEqual({ budget: 2_048 });
    expect(outputBudget(echo, { name: 'Pro', maxTokensPerRequest: 8_192 }, null)).toEqual({ budget: 4_096 });
  });

  it('refuses zero and absurd budgets as bad input', () => {
    expect(outputBudget(echo, free, 0)).toMatchObject({ problem: { code: 'BAD_USER_INPUT' } });
    expect(outputBudget(echo, free, 1_000_001)).toMatchObject({ problem: { code: 'BAD_USER_INPUT' } });
  });
});

describe('parseMaxTokens', () => {
  it('reads empty as the default, digits as a number, anything else as unreadable', () => {
    expect(parseMaxTokens('')).toBeNull();
    expect(parseMaxTokens(' 256 ')).toBe(256);
    expect(parseMaxTokens('0')).toBe(0);
    expect(parseMaxTokens('2.5')).toBeUndefined();
    expect(parseMaxTokens('-1')).toBeUndefined();
    expect(parseMaxTokens('1e3')).toBeUndefined();
    expect(parseMaxTokens('3000000000')).toBeUndefined(); // beyond GraphQL's Int: could not even be sent
  });
});
