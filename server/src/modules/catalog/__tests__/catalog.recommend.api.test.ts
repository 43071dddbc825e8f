/**
 * recommendModel (docs/decisions/0005, 0006): what `model: "auto"` would pick, the task type it saw,
 * why, and every other model with its worst-case cost and (when it was rejected) the reason. It
 * never picks the sandbox, and never a model the user's tier does not allow.
 */
import { describe, expect, it } from 'vitest';
import {
  admin,
  estimateOk,
  expectRefused,
  modelsOf,
  newUser,
  ok,
  RECOMMEND,
  SET_ACTIVE,
  SET_PRICE,
  setTier,
  t,
  useCatalogApp,
  EVERY_PROVIDER_CONFIGURED,
  type User,
} from './catalog-api-helpers.js';

// Every provider configured: these suites are about the choice among the whole catalog (decision 0046).
useCatalogApp(EVERY_PROVIDER_CONFIGURED);

interface Recommendation {
  model: string | null;
  taskType: string;
  complexity: string;
  signals: string[];
  reasoning: string;
  alternatives: Array<{ model: string; maxCredits: string; rejectedBecause: string | null }>;
}

const CODE = 'Why does this print [undefined, undefined, undefined]?\n```js\nconst xs = [1, 2, 3];\nconsole.log(xs.map(x => { x * 2 }));\n```';
const TRANSLATION = 'Translate into French: "The meeting is moved to Thursday at 10am, please bring the signed contract."';
const CHAT = 'hey, how are you doing today?';
const HARD_CODE =
  'Design and implement a rate limiter in Go that supports sliding windows per API key, works across multiple instances using Redis, tolerates clock skew between instances, and comes with unit tests. Explain the trade-offs versus a token bucket.';

const recommend = async (user: User, prompt: string, maxTokens?: number) =>
  ok<Recommendation>(t.gql(RECOMMEND, { prompt, maxTokens }, user.token), 'recommendModel');
const CREDITS = /^\d+\.\d{6}$/;

function expectWellFormed(r: Recommendation, catalogIds: string[]) {
  expect(r.reasoning.length).toBeGreaterThan(20);
  expect(r.reasoning).toContain(`Classified as ${r.taskType}`);
  expect(['low', 'medium', 'high']).toContain(r.complexity);
  expect(r.signals.length).toBeGreaterThan(0);
  // Every candidate appears once: the choice, or an alternative.
  const seen = [r.model, ...r.alternatives.map((a) => a.model)];
  expect(new Set(seen).size).toBe(seen.length);
  expect([...seen].sort()).toEqual(catalogIds.filter((id) => id !== 'sandbox/echo').sort());
  for (const a of r.alternatives) expect(a.maxCredits).toMatch(CREDITS);
  // Runners-up (null reason) come first, then the rejected, each with its reason.
  const firstRejected = r.alternatives.findIndex((a) => a.rejectedBecause !== null);
  if (firstRejected >= 0) for (const a of r.alternatives.slice(firstRejected)) expect(a.rejectedBecause).toMatch(/\S/);
}

describe('recommendModel', () => {
  it('classifies a code, a translation and a chat prompt, explains the pick, and lists the alternatives with reasons', async () => {
    const user = await newUser('recommend');
    const models = await modelsOf(user);
    // Embedding models answer no chat: never candidates (decision 0046).
    const ids = models.filter((m) => m.kind === 'chat').map((m) => m.id);
    const allowed = new Set(models.filter((m) => m.allowed).map((m) => m.id));
    for (const [prompt, taskType] of [
      [CODE, 'code'],
      [TRANSLATION, 'translation'],
      [CHAT, 'chat'],
    ] as const) {
      const r = await recommend(user, prompt);
      expect(r.taskType, prompt).toBe(taskType);
      expect(r.model).not.toBeNull();
      expect(allowed.has(r.model!), r.model!).toBe(true);
      expect(r.reasoning).toContain(models.find((m) => m.id === r.model)!.displayName);
      expectWellFormed(r, ids);
      // A free user sees why the standard and premium models were passed over.
      for (const a of r.alternatives.filter((x) => !allowed.has(x.model))) expect(a.rejectedBecause).toBe('not included in your tier');
      // What auto would run is what it recommends.
      expect((await estimateOk(user, { model: 'auto', prompt })).model).toBe(r.model);
    }
  });

  it('names the signals it saw for each task type', async () => {
    const user = await newUser('recommend');
    expect((await recommend(user, CODE)).signals.join(' ')).toMatch(/code/i);
    expect((await recommend(user, TRANSLATION)).signals.join(' ')).toMatch(/translat/i);
  });

  it('for a free-tier user never picks a model the tier does not allow, even when the task needs a better one', async () => {
    const user = await newUser('recommend');
    const models = await modelsOf(user);
    const allowed = new Set(models.filter((m) => m.allowed).map((m) => m.id));
    const r = await recommend(user, HARD_CODE);
    expect(r).toMatchObject({ taskType: 'code', complexity: 'high' });
    expect(allowed.has(r.model!), r.model!).toBe(true);
    expect(r.reasoning).toMatch(/No model you can use reaches quality 5/);
    expectWellFormed(
      r,
      models.filter((m) => m.kind === 'chat').map((m) => m.id),
    );
    // Claude 3.5 Sonnet would be the pick on pro, and is named as not in the tier here.
    expect(r.alternatives.find((a) => a.model === 'anthropic/claude-3.5-sonnet')?.rejectedBecause).toBe('not included in your tier');
    await setTier(user.id, 'pro');
    // (A 1,000-token budget keeps Sonnet within the 10-credit sign-up bonus.)
    expect((await recommend(user, HARD_CODE, 1000)).model).toBe('anthropic/claude-3.5-sonnet');
  });

  it('prices each alternative for this request: its maxCredits is that model’s own worst-case estimate', async () => {
    const user = await newUser('recommend');
    await setTier(user.id, 'enterprise');
    const r = await recommend(user, TRANSLATION, 300);
    for (const a of r.alternatives) {
      const e = await estimateOk(user, { model: a.model, prompt: TRANSLATION, maxTokens: 300 });
      expect(a.maxCredits, a.model).toBe(e.maxCredits);
    }
  });

  it('rejects a model the balance cannot cover, with the reason', async () => {
    const user = await newUser('recommend');
    await setTier(user.id, 'enterprise');
    // Opus writes at most 4,096 tokens: 4,096 × $75/1M ≈ 30.7 credits, above the 10-credit sign-up bonus.
    const r = await recommend(user, HARD_CODE, 4_096);
    expect(r.alternatives.find((a) => a.model === 'anthropic/claude-3-opus')?.rejectedBecause).toMatch(
      /^your balance does not cover its worst-case cost of \d+\.\d{6} credits$/,
    );
  });

  it('refuses an empty prompt, an over-long prompt and a bad maxTokens with BAD_USER_INPUT, writing nothing', async () => {
    const user = await newUser('recommend');
    await expectRefused(() => t.gql(RECOMMEND, { prompt: '   ' }, user.token), 'BAD_USER_INPUT');
    await expectRefused(() => t.gql(RECOMMEND, { prompt: 'x'.repeat(400_001) }, user.token), 'BAD_USER_INPUT');
    await expectRefused(() => t.gql(RECOMMEND, { prompt: CHAT, maxTokens: 0 }, user.token), 'BAD_USER_INPUT');
    await expectRefused(() => t.gql(RECOMMEND, { prompt: CHAT, maxTokens: 2_000_000 }, user.token), 'BAD_USER_INPUT');
    await expectRefused(() => t.gql(RECOMMEND, { prompt: CHAT }), 'UNAUTHENTICATED');
  });
});

describe('the sandbox is never chosen', () => {
  it('not even when it is the cheapest model the tier allows', async () => {
    const user = await newUser('recommend');
    const free = ['openrouter/meta-llama/llama-3.1-8b-instruct:free', 'openrouter/mistralai/mistral-7b-instruct:free'];
    // Make sandbox/echo free and switch the other free models off: it is now strictly the cheapest.
    await ok(t.gql(SET_PRICE, { input: { modelId: 'sandbox/echo', inputUsdPerMTok: '0', outputUsdPerMTok: '0' } }, admin.token), 'adminSetModelPrice');
    for (const id of free) await ok(t.gql(SET_ACTIVE, { modelId: id, active: false }, admin.token), 'adminSetModelActive');
    try {
      const echo = (await modelsOf(user)).find((m) => m.id === 'sandbox/echo');
      expect(echo).toMatchObject({ priceClass: 'FREE', allowed: true, outputCreditsPerMTok: '0.000000' });
      for (const prompt of [CHAT, 'hi', 'echo this back to me please', CODE]) {
        const r = await recommend(user, prompt);
        expect(r.model, prompt).not.toBeNull();
        expect(r.model, prompt).not.toBe('sandbox/echo');
        expect(r.alternatives.map((a) => a.model)).not.toContain('sandbox/echo');
        expect((await estimateOk(user, { model: 'auto', prompt })).model).not.toBe('sandbox/echo');
      }
      // It still serves requests that name it.
      expect((await estimateOk(user, { model: 'sandbox/echo', prompt: 'hi' })).maxCredits).toBe('0.000000');
    } finally {
      for (const id of free) await ok(t.gql(SET_ACTIVE, { modelId: id, active: true }, admin.token), 'adminSetModelActive');
    }
  });

  it('with no affordable model, auto still names the fitting model (affordable: false) rather than falling back to the sandbox', async () => {
    const user = await newUser('recommend');
    await setTier(user.id, 'enterprise');
    // Leave only sandbox/echo and a premium model the 10-credit balance cannot cover at 4,096 output tokens.
    const before = (await modelsOf(user)).map((m) => m.id);
    const keep = new Set(['sandbox/echo', 'anthropic/claude-3-opus']);
    const off = before.filter((id) => !keep.has(id));
    for (const id of off) await ok(t.gql(SET_ACTIVE, { modelId: id, active: false }, admin.token), 'adminSetModelActive');
    try {
      const r = await recommend(user, CHAT, 4_096);
      expect(r.model).toBeNull();
      expect(r.reasoning).toMatch(/balance does not cover/);
      expect(r.alternatives.map((a) => a.model)).toEqual(['anthropic/claude-3-opus']);
      const e = await estimateOk(user, { model: 'auto', prompt: CHAT, maxTokens: 4_096 });
      expect(e).toMatchObject({ model: 'anthropic/claude-3-opus', affordable: false });
    } finally {
      for (const id of off) await ok(t.gql(SET_ACTIVE, { modelId: id, active: true }, admin.token), 'adminSetModelActive');
    }
  });
});
