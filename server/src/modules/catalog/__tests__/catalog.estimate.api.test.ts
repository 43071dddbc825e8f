/**
 * estimateCost (docs/decisions/0006): the prompt counted with the shared tokenizer, the worst case
 * (every prompt token uncached plus the whole output budget) and the expected case (a quarter of the
 * budget), each ⌈cost × (1 + markup)⌉ in micro-credits, and whether the available balance covers
 * the worst case. Figures are recomputed here from the list prices; `model: "auto"` resolves first.
 */
import { randomUUID } from 'node:crypto';
import { countMessageTokens, estimateCharge, usdPerMillionToNano, type TokenizerFamily } from '@tollgate/shared';
import { describe, expect, it } from 'vitest';
import {
  admin,
  credits,
  DEDUCT,
  estimate,
  estimateOk,
  expectedMicroCredits,
  expectedOutputTokens,
  expectRefused,
  modelsOf,
  newUser,
  ok,
  setTier,
  t,
  useCatalogApp,
  EVERY_PROVIDER_CONFIGURED,
} from './catalog-api-helpers.js';

// Every provider configured: these suites are about the choice among the whole catalog (decision 0046).
useCatalogApp(EVERY_PROVIDER_CONFIGURED);

const PROMPT = 'Explain, in two short paragraphs, why the sky looks blue during the day and red at sunset. Ünïcödé: 日本語 too.';

/** Model → what the tokenizer needs and its list price (USD per 1M tokens). */
const MODELS: Array<{ id: string; family: TokenizerFamily; providerModel: string; input: string; output: string }> = [
  { id: 'openai/gpt-4o', family: 'openai', providerModel: 'gpt-4o', input: '2.5', output: '10' },
  { id: 'openai/gpt-3.5-turbo', family: 'openai', providerModel: 'gpt-3.5-turbo', input: '0.5', output: '1.5' },
  { id: 'anthropic/claude-3.5-sonnet', family: 'anthropic', providerModel: 'claude-3-5-sonnet-latest', input: '3', output: '15' },
  { id: 'google/gemini-1.5-pro', family: 'google', providerModel: 'gemini-1.5-pro', input: '1.25', output: '5' },
  {
    id: 'openrouter/meta-llama/llama-3.1-8b-instruct:free',
    family: 'openrouter',
    providerModel: 'meta-llama/llama-3.1-8b-instruct:free',
    input: '0',
    output: '0',
  },
  { id: 'openrouter/anthropic/claude-3.5-sonnet', family: 'openrouter', providerModel: 'anthropic/claude-3.5-sonnet', input: '3', output: '15' },
  { id: 'sandbox/echo', family: 'sandbox', providerModel: 'echo', input: '1', output: '2' },
];

const deduct = (userId: string, amount: string) =>
  ok(t.gql(DEDUCT, { input: { userId, amount, reason: 'test: leave too little', idempotencyKey: randomUUID() } }, admin.token), 'adminDeductCredits');

describe('estimateCost refuses', () => {
  it('an unknown model → NOT_FOUND', async () => {
    const user = await newUser('estimate');
    await expectRefused(() => estimate(user, { model: 'openai/gpt-7', prompt: PROMPT }), 'NOT_FOUND');
    await expectRefused(() => estimate(user, { model: '', prompt: PROMPT }), 'NOT_FOUND');
  });

  it('an empty or blank prompt → BAD_USER_INPUT', async () => {
    const user = await newUser('estimate');
    await expectRefused(() => estimate(user, { model: 'sandbox/echo', prompt: '' }), 'BAD_USER_INPUT');
    await expectRefused(() => estimate(user, { model: 'sandbox/echo', prompt: ' \n\t ' }), 'BAD_USER_INPUT');
  });

  it('a prompt over 400,000 characters → BAD_USER_INPUT; exactly 400,000 is accepted', async () => {
    const user = await newUser('estimate');
    const limit = 'word '.repeat(80_000);
    expect(limit).toHaveLength(400_000);
    await expectRefused(() => estimate(user, { model: 'google/gemini-2.0-flash', prompt: `${limit}x` }), 'BAD_USER_INPUT');
    await expectRefused(() => estimate(user, { model: 'auto', prompt: `${limit}x` }), 'BAD_USER_INPUT');
    const e = await estimateOk(user, { model: 'google/gemini-2.0-flash', prompt: limit, maxTokens: 10 });
    expect(e.inputTokens).toBe(countMessageTokens([{ role: 'user', content: limit }], 'google', 'gemini-2.0-flash'));
  });

  it("a prompt and budget beyond the model's context window → BAD_USER_INPUT", async () => {
    const user = await newUser('estimate');
    const prompt = 'word '.repeat(20_000); // ~20k tokens; GPT-3.5 Turbo's window is 16,385
    await expectRefused(() => estimate(user, { model: 'openai/gpt-3.5-turbo', prompt }), 'BAD_USER_INPUT');
  });

  it('without a token → UNAUTHENTICATED', async () => {
    await expectRefused(() => t.gql('query { estimateCost(input: { model: "sandbox/echo", prompt: "hi" }) { maxCredits } }'), 'UNAUTHENTICATED');
  });
});

describe('estimateCost figures', () => {
  it('counts inputTokens with the shared tokenizer for each provider family', async () => {
    const user = await newUser('estimate');
    await setTier(user.id, 'enterprise');
    for (const m of MODELS) {
      const e = await estimateOk(user, { model: m.id, prompt: PROMPT, maxTokens: 500 });
      expect(e.model).toBe(m.id);
      expect(e.inputTokens, m.id).toBe(countMessageTokens([{ role: 'user', content: PROMPT }], m.family, m.providerModel));
    }
    // The families really are counted differently (OpenAI exact, others scaled up).
    const counts = new Set(MODELS.map((m) => countMessageTokens([{ role: 'user', content: PROMPT }], m.family, m.providerModel)));
    expect(counts.size).toBeGreaterThan(2);
  });

  it('prices maxCredits and expectedCredits exactly as estimateCharge does, and as the list price × markup ÷ CREDIT_USD', async () => {
    for (const [tier, tierBps] of [
      ['enterprise', 0],
      ['starter', 1000],
    ] as const) {
      const user = await newUser('estimate');
      await setTier(user.id, tier);
      const allowed = new Set((await modelsOf(user)).filter((m) => m.allowed).map((m) => m.id));
      for (const m of MODELS.filter((x) => allowed.has(x.id))) {
        for (const maxTokens of [1, 7, 4000]) {
          const e = await estimateOk(user, { model: m.id, prompt: PROMPT, maxTokens });
          const markup = m.input === '0' && m.output === '0' ? 0 : tierBps;
          const own = {
            max: expectedMicroCredits(m, e.inputTokens, maxTokens, markup),
            expected: expectedMicroCredits(m, e.inputTokens, expectedOutputTokens(maxTokens), markup),
          };
          const shared = estimateCharge(
            {
              price: { inputNanoPerToken: usdPerMillionToNano(m.input), outputNanoPerToken: usdPerMillionToNano(m.output) },
              markupBps: BigInt(markup),
              creditUsdMicro: 10_000n,
            },
            e.inputTokens,
            maxTokens,
          );
          expect(e, `${tier} ${m.id} ${maxTokens}`).toEqual({
            model: m.id,
            inputTokens: e.inputTokens,
            maxOutputTokens: maxTokens,
            expectedCredits: credits(own.expected),
            maxCredits: credits(own.max),
            affordable: true,
          });
          expect(shared.max).toBe(own.max);
          expect(shared.expected).toBe(own.expected);
        }
      }
    }
  });

  it('uses the class markup on the free tier (5% budget) and caps the expected output at 1,024 tokens', async () => {
    const user = await newUser('estimate');
    const e = await estimateOk(user, { model: 'sandbox/echo', prompt: PROMPT });
    expect(e.maxOutputTokens).toBe(2048);
    expect(e.maxCredits).toBe(credits(expectedMicroCredits({ input: '1', output: '2' }, e.inputTokens, 2048, 500)));
    expect(e.expectedCredits).toBe(credits(expectedMicroCredits({ input: '1', output: '2' }, e.inputTokens, 512, 500)));
    // Hand-checked: "hi" is 8 tokens (3 framing + 1 role + 1 content + 3 reply priming); 8 × $1/1M + 10 × $2/1M
    // = $0.000028 = 0.0028 credits × 1.05 = 0.00294; expected output ⌈10/4⌉ = 3: $0.000014 → 0.00147.
    expect(await estimateOk(user, { model: 'sandbox/echo', prompt: 'hi', maxTokens: 10 })).toEqual({
      model: 'sandbox/echo',
      inputTokens: 8,
      maxOutputTokens: 10,
      expectedCredits: '0.001470',
      maxCredits: '0.002940',
      affordable: true,
    });
    await setTier(user.id, 'enterprise');
    const big = await estimateOk(user, { model: 'openai/gpt-4o', prompt: PROMPT, maxTokens: 16_000 });
    expect(big.expectedCredits).toBe(credits(expectedMicroCredits({ input: '2.5', output: '10' }, big.inputTokens, 1024, 0)));
  });
});

describe('affordable', () => {
  it('turns false when an admin deduction leaves less than maxCredits available', async () => {
    const user = await newUser('estimate');
    const input = { model: 'openai/gpt-4o-mini', prompt: PROMPT, maxTokens: 2000 };
    const first = await estimateOk(user, input);
    expect(first.affordable).toBe(true);
    const max = BigInt(first.maxCredits.replace('.', ''));
    // Leave exactly maxCredits: still affordable.
    await deduct(user.id, credits(10_000_000n - max));
    expect(await estimateOk(user, input)).toEqual(first);
    // One micro-credit less: not affordable, and nothing else changes.
    await deduct(user.id, '0.000001');
    expect(await estimateOk(user, input)).toEqual({ ...first, affordable: false });
    // A free model still is.
    expect((await estimateOk(user, { model: 'openrouter/meta-llama/llama-3.1-8b-instruct:free', prompt: PROMPT })).affordable).toBe(true);
  });
});

describe('model: "auto"', () => {
  it('resolves to a concrete model the tier allows and prices that model', async () => {
    for (const tier of ['free', 'pro']) {
      const user = await newUser('estimate');
      await setTier(user.id, tier);
      const allowed = new Map((await modelsOf(user)).filter((m) => m.allowed).map((m) => [m.id, m]));
      for (const prompt of [PROMPT, 'Write a Python function that merges two sorted lists, with unit tests and type hints.', 'hello!']) {
        const e = await estimateOk(user, { model: 'auto', prompt });
        expect(e.model).not.toBe('auto');
        expect(e.model).not.toBe('sandbox/echo');
        expect(allowed.has(e.model), `${tier}: ${e.model}`).toBe(true);
        // The estimate is the concrete model's own estimate.
        expect(await estimateOk(user, { model: e.model, prompt })).toEqual(e);
      }
    }
  });

  it('validates maxTokens and the prompt as for a named model', async () => {
    const user = await newUser('estimate');
    await expectRefused(() => estimate(user, { model: 'auto', prompt: '' }), 'BAD_USER_INPUT');
    await expectRefused(() => estimate(user, { model: 'auto', prompt: PROMPT, maxTokens: 0 }), 'BAD_USER_INPUT');
    await expectRefused(() => estimate(user, { model: 'auto', prompt: PROMPT, maxTokens: 2049 }), 'TIER_LIMIT_EXCEEDED');
  });

  it('picks a model that can write the maxTokens asked for (pro, 5,000)', async () => {
    const user = await newUser('estimate');
    await setTier(user.id, 'pro');
    const e = await estimateOk(user, { model: 'auto', prompt: 'hi there, how are you?', maxTokens: 5000 });
    expect(e.maxOutputTokens).toBe(5000);
  });
});
