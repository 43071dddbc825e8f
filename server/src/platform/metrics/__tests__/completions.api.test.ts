import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test-support/app.js';
import { FakeOpenAi } from '../../../modules/gateway/__tests__/fakes/fake-openai.js';
import { newUser, ok, signInAdmin, type User } from '../../../modules/gateway/__tests__/support.js';
import { parseSamples, valueOf, type Sample } from './prometheus-text.js';

const COMPLETE = `mutation($i: CompletionInput!) { complete(input: $i) { id cached } }`;
const MODEL = 'openai/gpt-4o-mini';

let t: TestApp;
let fake: FakeOpenAi;
let user: User;

beforeAll(async () => {
  fake = await FakeOpenAi.start();
  t = await startTestApp({ OPENAI_API_KEY: 'sk-platform', OPENAI_BASE_URL: fake.baseURL, MODEL_FALLBACKS: '{}', PROVIDER_MAX_RETRIES: '0' });
  user = await newUser(t, await signInAdmin(t), 'metrics');
});
afterAll(async () => {
  await t?.stop();
  await fake?.close();
});

async function samples(): Promise<Sample[]> {
  const res = await fetch(`${t.url}/metrics`);
  expect(res.status).toBe(200);
  return parseSamples(await res.text());
}

// Through the gateway and the fake OpenAI: the completion counter moves by how each call ended.
// Skipped until the gateway service calls completionMetrics.record where a completion ends (ok,
// cached, error: docs/decisions/0040-metrics.md); metrics.api.test.ts covers the function itself.
it('counts completions through the gateway by model, provider and status, with the hold-to-settle time of the settled one', async () => {
  const before = await samples();
  const ask = { model: MODEL, prompt: `metrics ${randomUUID()}`, maxTokens: 20 };
  expect(ok(await t.gql(COMPLETE, { i: ask }, user.token), 'complete').cached).toBe(false);
  expect(ok(await t.gql(COMPLETE, { i: ask }, user.token), 'complete').cached).toBe(true);
  fake.failNext(1, 500);
  const failed = await t.gql(COMPLETE, { i: { ...ask, useCache: false } }, user.token);
  expect(failed.errors?.[0]?.extensions?.code).toBe('PROVIDER_UNAVAILABLE');
  const after = await samples();
  const delta = (name: string, labels: Record<string, string>) => valueOf(after, name, labels) - valueOf(before, name, labels);
  const completions = 'tollgate_completions_total';
  expect(delta(completions, { model: MODEL, provider: 'openai', status: 'ok', cached: 'false', byok: 'false' })).toBe(1);
  expect(delta(completions, { model: MODEL, status: 'cached', cached: 'true' })).toBe(1);
  expect(delta(completions, { model: MODEL, status: 'error' })).toBe(1);
  expect(delta('tollgate_completion_hold_to_settle_seconds_count', { provider: 'openai' })).toBe(1);
  expect(delta('tollgate_response_cache_lookups_total', { result: 'hit' })).toBe(1);
});
