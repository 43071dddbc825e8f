import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { parseCredits } from '@tollgate/shared';
import { startTestApp, type TestApp } from '../../../test-support/app.js';
import { FakeAnthropic } from './fakes/fake-anthropic.js';
import { FakeOpenAi } from './fakes/fake-openai.js';
import { balanceOf, newUser, ok, signInAdmin } from './support.js';

const COMPLETE = `mutation($i: CompletionInput!) {
  complete(input: $i) { model provider fallbackFrom content charged usage { inputTokens outputTokens } }
}`;

let t: TestApp;
let openai: FakeOpenAi;
let anthropic: FakeAnthropic;
let admin: string;

beforeAll(async () => {
  openai = await FakeOpenAi.start();
  anthropic = await FakeAnthropic.start();
  t = await startTestApp({
    OPENAI_API_KEY: 'sk-platform',
    OPENAI_BASE_URL: openai.baseURL,
    ANTHROPIC_API_KEY: 'sk-ant-platform',
    ANTHROPIC_BASE_URL: anthropic.baseURL,
    PROVIDER_MAX_RETRIES: '0',
    MODEL_FALLBACKS: JSON.stringify({ 'anthropic/claude-3.5-haiku': ['openai/gpt-4o-mini'] }),
  });
  admin = await signInAdmin(t);
});
afterEach(() => {
  openai.reset();
  anthropic.reset();
});
afterAll(async () => {
  await t?.stop();
  await openai?.close();
  await anthropic?.close();
});

const input = { model: 'anthropic/claude-3.5-haiku', prompt: 'Say hello', maxTokens: 20, useCache: false };

it('falls back to the next model when the provider fails transiently, billing the model that answered', async () => {
  const user = await newUser(t, admin, 'fallback', 'starter');
  anthropic.failNext(1, 529, 'overloaded');
  openai.set({ reply: 'Hello from OpenAI', usage: { prompt_tokens: 10, completion_tokens: 4 } });
  const before = await balanceOf(t, user.token);
  const res = ok(await t.gql(COMPLETE, { i: input }, user.token), 'complete');
  expect(res).toMatchObject({ model: 'openai/gpt-4o-mini', provider: 'openai', fallbackFrom: 'anthropic/claude-3.5-haiku', content: 'Hello from OpenAI' });
  // At GPT-4o mini's price, not Haiku's: 10 × $0.15/1M + 4 × $0.60/1M = 3,900 nano$; × 1.10 (the starter
  // tier's markup) = 4,290 nano$ = 0.000429 credits. Haiku would have been 10 × $0.80 + 4 × $4 = 24,000 nano$ × 1.10.
  expect(res.charged).toBe('0.000429');
  expect(anthropic.requests).toHaveLength(1);
  expect(openai.requests).toHaveLength(1);
  const after = await balanceOf(t, user.token);
  expect(before.balance - after.balance).toBe(parseCredits(res.charged));
  expect(after.held).toBe(0n);
});

it('does not fall back on a request the provider refuses (a 400 would fail the same way again)', async () => {
  const user = await newUser(t, admin, 'no-fallback', 'starter');
  anthropic.failNext(1, 400, 'bad request');
  const res = await t.gql(COMPLETE, { i: input }, user.token);
  expect(res.errors?.[0]?.extensions?.code).toBe('PROVIDER_UNAVAILABLE');
  expect(openai.requests).toHaveLength(0);
  expect(await balanceOf(t, user.token)).toMatchObject({ balance: parseCredits('10'), held: 0n });
});

it('answers PROVIDER_UNAVAILABLE, charging nothing, when every model of the chain fails', async () => {
  const user = await newUser(t, admin, 'all-fail', 'starter');
  anthropic.failNext(1, 500);
  openai.failNext(1, 503);
  const res = await t.gql(COMPLETE, { i: input }, user.token);
  expect(res.errors?.[0]?.extensions?.code).toBe('PROVIDER_UNAVAILABLE');
  expect(anthropic.requests).toHaveLength(1);
  expect(openai.requests).toHaveLength(1);
  expect(await balanceOf(t, user.token)).toMatchObject({ balance: parseCredits('10'), held: 0n });
  const status = ok(await t.gql('{ providerStatus { name errors } }', {}, admin), 'providerStatus') as Array<{ name: string; errors: number }>;
  expect(status.find((p) => p.name === 'anthropic')!.errors).toBeGreaterThanOrEqual(1);
  expect(status.find((p) => p.name === 'openai')!.errors).toBeGreaterThanOrEqual(1);
});

it('lets a retry with the same idempotency key run afresh after a provider failure, and replays it after success', async () => {
  const user = await newUser(t, admin, 'retry-after-failure', 'starter');
  const keyed = { ...input, model: 'openai/gpt-4o-mini', idempotencyKey: 'retry-me' };
  openai.failNext(1, 500);
  expect((await t.gql(COMPLETE, { i: keyed }, user.token)).errors?.[0]?.extensions?.code).toBe('PROVIDER_UNAVAILABLE');
  const first = ok(await t.gql(COMPLETE, { i: keyed }, user.token), 'complete');
  const again = ok(await t.gql(COMPLETE, { i: keyed }, user.token), 'complete');
  expect(again).toEqual(first);
  expect(openai.requests).toHaveLength(2);
  const after = await balanceOf(t, user.token);
  expect(parseCredits('10') - after.balance).toBe(parseCredits(first.charged));
});
