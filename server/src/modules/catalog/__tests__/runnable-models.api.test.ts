/**
 * Decision 0046: `auto` and the model lists offer only models that can run for the caller now — a
 * platform key, the user's own key (on a tier that allows it), or the offline sandbox. A server with
 * no provider keys answers `auto` with sandbox/echo through GraphQL and /v1, charged like any call;
 * with OPENAI_API_KEY set auto may pick an OpenAI model; the admin's provider status says the same.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countMessageTokens, countTokens, parseCredits } from '@tollgate/shared';
import { startTestApp, type TestApp } from '../../../test-support/app.js';
import { createKey } from '../../auth/__tests__/helpers.js';
import { fakeKey, SET_KEY } from '../../gateway/byok/__tests__/byok-helpers.js';
import { FakeOpenAi } from '../../gateway/__tests__/fakes/fake-openai.js';
import { balanceOf, ledgerAudit, newUser, ok, signInAdmin, type User } from '../../gateway/__tests__/support.js';
import { withClient } from '../../../test-support/database.js';
import { READABLE_PRICE_SOURCES_SQL } from '../../../migrations/Migration20261205000029ReadablePriceSources.js';
import { expectedMicroCredits } from './catalog-api-helpers.js';

const MODELS = '{ models { id provider kind allowed markupBps availability { runnable via reason needsProviderKey } } }';
const RECOMMEND = `query($p: String!) { recommendModel(prompt: $p) { model reasoning alternatives { model rejectedBecause } } }`;
const ESTIMATE = `query($i: EstimateCostInput!) { estimateCost(input: $i) { model maxCredits affordable unavailableBecause } }`;
const COMPLETE = `mutation($i: CompletionInput!) { complete(input: $i) { id model provider byok charged content usage { inputTokens outputTokens } } }`;
const STATUS = '{ providerStatus { name available autoUse } }';
const PROMPT = 'Write a haiku about toll gates.';

interface ApiModel {
  id: string;
  provider: string;
  kind: string;
  allowed: boolean;
  markupBps: number;
  availability: { runnable: boolean; via: string | null; reason: string | null; needsProviderKey: boolean };
}

let fake: FakeOpenAi;
beforeAll(async () => {
  fake = await FakeOpenAi.start();
});
afterAll(async () => {
  await fake?.close();
});

const models = async (t: TestApp, user: User): Promise<ApiModel[]> => ok(await t.gql(MODELS, {}, user.token), 'models');
const byId = (list: ApiModel[], id: string) => list.find((m) => m.id === id)!;

describe('a server started with no provider keys', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    // No platform key; a user's own OpenAI key is sent to the fake.
    t = await startTestApp({ OPENAI_BASE_URL: fake.baseURL, MODEL_FALLBACKS: '{}' });
    admin = await signInAdmin(t);
  });
  afterAll(async () => {
    expect((await ledgerAudit(t, admin)).violations).toEqual([]);
    await t?.stop();
  });

  it('lists sandbox/echo as runnable offline and every other model with the reason it cannot run', async () => {
    const user = await newUser(t, admin, 'runnable-free');
    const list = await models(t, user);
    expect(byId(list, 'sandbox/echo').availability).toEqual({ runnable: true, via: 'offline', reason: null, needsProviderKey: false });
    const mini = byId(list, 'openai/gpt-4o-mini');
    expect(mini.availability).toMatchObject({ runnable: false, via: null, needsProviderKey: true });
    // A free tier cannot bring its own key: the reason says to upgrade.
    expect(mini.availability.reason).toBe(
      'Its provider (OpenAI) is not configured on this server; upgrade to a tier that allows your own provider keys to use it',
    );
    expect(byId(list, 'anthropic/claude-3-opus').availability.reason).toMatch(/^Not included in your Free tier/);
    for (const m of list.filter((x) => x.provider !== 'sandbox')) expect(m.availability.runnable, m.id).toBe(false);
  });

  it('auto recommends and estimates sandbox/echo, explaining why the others were left out', async () => {
    const user = await newUser(t, admin, 'runnable-auto');
    const r = ok(await t.gql(RECOMMEND, { p: PROMPT }, user.token), 'recommendModel');
    expect(r.model).toBe('sandbox/echo');
    expect(r.reasoning).toMatch(/no provider is configured on this server/);
    expect(r.reasoning).toMatch(/upgrade to a tier that allows your own provider keys/);
    expect(r.alternatives.find((a: { model: string }) => a.model === 'openai/gpt-4o-mini').rejectedBecause).toMatch(
      /^its provider \(OpenAI\) is not configured/,
    );
    const e = ok(await t.gql(ESTIMATE, { i: { model: 'auto', prompt: PROMPT } }, user.token), 'estimateCost');
    expect(e).toMatchObject({ model: 'sandbox/echo', affordable: true, unavailableBecause: null });
    const named = ok(await t.gql(ESTIMATE, { i: { model: 'openai/gpt-4o-mini', prompt: PROMPT } }, user.token), 'estimateCost');
    expect(named.unavailableBecause).toMatch(/^Its provider \(OpenAI\) is not configured/);
  });

  it('answers `complete` with model auto from sandbox/echo, charged exactly its price', async () => {
    const user = await newUser(t, admin, 'runnable-complete');
    const before = await balanceOf(t, user.token);
    const res = ok(await t.gql(COMPLETE, { i: { model: 'auto', prompt: PROMPT, maxTokens: 40, useCache: false } }, user.token), 'complete');
    expect(res).toMatchObject({ model: 'sandbox/echo', provider: 'sandbox', byok: false, content: PROMPT });
    const echo = byId(await models(t, user), 'sandbox/echo');
    const expected = expectedMicroCredits({ input: '1', output: '2' }, res.usage.inputTokens, res.usage.outputTokens, echo.markupBps);
    expect(parseCredits(res.charged)).toBe(expected);
    expect(before.balance - (await balanceOf(t, user.token)).balance).toBe(expected);
  });

  it('answers POST /v1/chat/completions with model auto (no more 503), charged what the headers say', async () => {
    const user = await newUser(t, admin, 'runnable-v1');
    const key = await createKey(t, user.token, ['completions']);
    const before = await balanceOf(t, user.token);
    const messages = [{ role: 'user' as const, content: PROMPT }];
    const res = await fetch(`${t.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key.secret}` },
      body: JSON.stringify({ model: 'auto', messages, max_tokens: 40 }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      model: string;
      choices: Array<{ message: { content: string } }>;
      usage: { prompt_tokens: number; completion_tokens: number };
    };
    expect(body.model).toBe('sandbox/echo');
    expect(body.choices[0]!.message.content).toBe(PROMPT);
    expect(body.usage).toMatchObject({ prompt_tokens: countMessageTokens(messages, 'sandbox'), completion_tokens: countTokens(PROMPT, 'sandbox') });
    const charged = parseCredits(res.headers.get('x-tollgate-credits-charged')!);
    const echo = byId(await models(t, user), 'sandbox/echo');
    expect(charged).toBe(expectedMicroCredits({ input: '1', output: '2' }, body.usage.prompt_tokens, body.usage.completion_tokens, echo.markupBps));
    expect(before.balance - (await balanceOf(t, user.token)).balance).toBe(charged);
  });

  it("offers a BYOK user their own key's provider: its models run, and auto calls it with their key", async () => {
    const user = await newUser(t, admin, 'runnable-byok', 'pro');
    const own = fakeKey('openai');
    // Before the key: a pro user is told to add one.
    const keyless = await newUser(t, admin, 'runnable-keyless', 'pro');
    expect(byId(await models(t, keyless), 'openai/gpt-4o').availability.reason).toBe(
      'Its provider (OpenAI) is not configured on this server; add your own OpenAI key in Provider keys',
    );
    ok(await t.gql(SET_KEY, { input: { provider: 'openai', apiKey: own } }, user.token), 'setProviderKey');
    const list = await models(t, user);
    for (const m of list.filter((x) => x.provider === 'openai' && x.kind === 'chat')) {
      expect(m.availability, m.id).toEqual({ runnable: true, via: 'own-key', reason: null, needsProviderKey: false });
    }
    expect(byId(list, 'anthropic/claude-3.5-sonnet').availability.runnable).toBe(false);
    const r = ok(await t.gql(RECOMMEND, { p: PROMPT }, user.token), 'recommendModel');
    expect(r.model).toMatch(/^openai\//);
    fake.set({ reply: 'Toll gates hum', usage: { prompt_tokens: 10, completion_tokens: 3 } });
    const res = ok(await t.gql(COMPLETE, { i: { model: 'auto', prompt: PROMPT, maxTokens: 40, useCache: false } }, user.token), 'complete');
    expect(res).toMatchObject({ model: r.model, provider: 'openai', byok: true, charged: '0.000000', content: 'Toll gates hum' });
    expect(fake.requests.at(-1)!.headers.authorization).toBe(`Bearer ${own}`);
    fake.reset();
  });

  it("shows the sandbox's price source in words, and migration 29 rewrites the old project-file texts", async () => {
    const HISTORY = 'query($m: ID!) { modelPriceHistory(modelId: $m) { source } }';
    const sources = async () => (ok(await t.gql(HISTORY, { m: 'sandbox/echo' }, admin), 'modelPriceHistory') as Array<{ source: string }>).map((v) => v.source);
    expect(await sources()).toEqual(['Set by Tollgate (offline sandbox model, no provider)']);
    // A database seeded before: the text as it was stored then.
    await withClient(t.databaseUrl, (c) => c.query(`update model_price set source = 'docs/api.md (sandbox/echo)' where model_id = 'sandbox/echo'`));
    await withClient(t.databaseUrl, (c) => c.query(READABLE_PRICE_SOURCES_SQL));
    expect(await sources()).toEqual(['Set by Tollgate (offline sandbox model, no provider)']);
    const providerPages = await withClient(
      t.databaseUrl,
      async (c) => (await c.query(`select count(*)::int as n from model_price where source like 'https://%'`)).rows[0].n,
    );
    expect(providerPages).toBeGreaterThan(0);
  });

  it("the admin's provider status agrees: only the sandbox is configured", async () => {
    const status: Array<{ name: string; available: boolean; autoUse: string }> = ok(await t.gql(STATUS, {}, admin), 'providerStatus');
    expect(Object.fromEntries(status.map((s) => [s.name, s.available]))).toEqual({
      sandbox: true,
      openai: false,
      anthropic: false,
      google: false,
      openrouter: false,
    });
    expect(status.find((s) => s.name === 'openai')!.autoUse).toMatch(/^Not configured: its models are offered only to users who added their own OpenAI key/);
    expect(status.find((s) => s.name === 'sandbox')!.autoUse).toMatch(/only for a user no other provider can serve/);
  });
});

describe('a server with OPENAI_API_KEY set', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp({ OPENAI_API_KEY: 'sk-platform', OPENAI_BASE_URL: fake.baseURL, MODEL_FALLBACKS: '{}' });
    admin = await signInAdmin(t);
  });
  afterAll(async () => {
    expect((await ledgerAudit(t, admin)).violations).toEqual([]);
    await t?.stop();
  });

  it('auto chooses an OpenAI model and the call goes to OpenAI with the platform key', async () => {
    const user = await newUser(t, admin, 'runnable-openai');
    const r = ok(await t.gql(RECOMMEND, { p: PROMPT }, user.token), 'recommendModel');
    expect(r.model).toMatch(/^openai\//);
    fake.set({ reply: 'Gates of toll', usage: { prompt_tokens: 12, completion_tokens: 4 } });
    const res = ok(await t.gql(COMPLETE, { i: { model: 'auto', prompt: PROMPT, maxTokens: 40, useCache: false } }, user.token), 'complete');
    expect(res).toMatchObject({ model: r.model, provider: 'openai', byok: false, content: 'Gates of toll' });
    expect(fake.requests.at(-1)!.headers.authorization).toBe('Bearer sk-platform');
    expect(parseCredits(res.charged)).toBeGreaterThan(0n);
    fake.reset();
  });

  it("the admin's status and every user's model list say the same about each provider", async () => {
    const status: Array<{ name: string; available: boolean }> = ok(await t.gql(STATUS, {}, admin), 'providerStatus');
    const configured = new Map(status.map((s) => [s.name, s.available]));
    expect(configured.get('openai')).toBe(true);
    // An enterprise user (every price class) without keys: a model runs exactly when its provider is configured.
    const user = await newUser(t, admin, 'runnable-agree', 'enterprise');
    for (const m of await models(t, user)) expect(m.availability.runnable, m.id).toBe(configured.get(m.provider));
  });
});
