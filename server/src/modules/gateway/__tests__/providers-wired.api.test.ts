import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, TEST_ADMIN, type TestApp } from '../../../test-support/app.js';
import { SIGN_IN, signUp } from '../../auth/__tests__/helpers.js';
import { FakeAnthropic } from './fakes/fake-anthropic.js';
import { FakeOpenAi } from './fakes/fake-openai.js';

const COMPLETE = `mutation($i: CompletionInput!) { complete(input: $i) { model content usage { inputTokens outputTokens } charged } }`;

let t: TestApp;
let openai: FakeOpenAi;
let anthropic: FakeAnthropic;
beforeAll(async () => {
  openai = await FakeOpenAi.start();
  anthropic = await FakeAnthropic.start();
  t = await startTestApp({
    OPENAI_API_KEY: 'sk-platform',
    OPENAI_BASE_URL: openai.baseURL,
    ANTHROPIC_API_KEY: 'sk-ant-platform',
    ANTHROPIC_BASE_URL: anthropic.baseURL,
  });
});
afterAll(async () => {
  await t?.stop();
  await openai?.close();
  await anthropic?.close();
});

it('routes a GPT-4o mini completion through the real openai SDK to the provider, charging its reported usage', async () => {
  const user = await signUp(t);
  openai.set({ reply: 'Hello from the fake', usage: { prompt_tokens: 12, completion_tokens: 4 } });
  const res = await t.gql(COMPLETE, { i: { model: 'openai/gpt-4o-mini', prompt: 'Say hello', maxTokens: 20 } }, user.token);
  expect(res.errors).toBeUndefined();
  expect(res.data!.complete).toMatchObject({ model: 'openai/gpt-4o-mini', content: 'Hello from the fake', usage: { inputTokens: 12, outputTokens: 4 } });
  // 12 × $0.15/1M + 4 × $0.60/1M = 4,200 nano$; × 1.05 (budget markup) = 4,410 nano$ = 0.000441 credits.
  expect(res.data!.complete.charged).toBe('0.000441');
  const sent = openai.requests.at(-1)!;
  expect(sent.headers.authorization).toBe('Bearer sk-platform');
  expect((sent.body as { model: string }).model).toBe('gpt-4o-mini');
});

it('answers PROVIDER_UNAVAILABLE and charges nothing when the provider keeps failing', async () => {
  const user = await signUp(t);
  openai.failNext(5, 500);
  const res = await t.gql(COMPLETE, { i: { model: 'openai/gpt-4o-mini', prompt: 'Say hello', maxTokens: 20 } }, user.token);
  expect(res.errors![0]!.extensions!.code).toBe('PROVIDER_UNAVAILABLE');
  expect((await t.gql('{ creditBalance { balance held } }', {}, user.token)).data!.creditBalance).toEqual({ balance: '10.000000', held: '0.000000' });
  openai.reset();
});

it('reaches Anthropic through its SDK for a tier that allows Claude', async () => {
  const user = await signUp(t);
  const admin = (await t.gql(SIGN_IN, { input: TEST_ADMIN })).data!.signIn.token;
  await t.gql(`mutation { adminSetTier(userId: "${user.id}", tier: "starter") { id } }`, {}, admin);
  anthropic.set({ reply: 'Bonjour' });
  const res = await t.gql(COMPLETE, { i: { model: 'anthropic/claude-3.5-haiku', prompt: 'Say hello in French', maxTokens: 20 } }, user.token);
  expect(res.errors).toBeUndefined();
  expect(res.data!.complete.content).toBe('Bonjour');
  expect((anthropic.requests.at(-1)!.body as { model: string }).model).toBe('claude-3-5-haiku-latest');
});
