import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { parseCredits } from '@tollgate/shared';
import { startTestApp, type TestApp } from '../../../test-support/app.js';
import { withClient } from '../../../test-support/database.js';
import { fakeKey, SET_KEY } from '../byok/__tests__/byok-helpers.js';
import { FakeOpenAi } from './fakes/fake-openai.js';
import { balanceOf, newUser, ok, signInAdmin } from './support.js';

const COMPLETE = `mutation($i: CompletionInput!) { complete(input: $i) { id model provider byok charged content } }`;
const input = { model: 'openai/gpt-4o-mini', prompt: 'Hello with my own key', maxTokens: 20, useCache: false };

let t: TestApp;
let fake: FakeOpenAi;
let admin: string;

beforeAll(async () => {
  fake = await FakeOpenAi.start();
  t = await startTestApp({ OPENAI_API_KEY: 'sk-platform', OPENAI_BASE_URL: fake.baseURL, MODEL_FALLBACKS: '{}' });
  admin = await signInAdmin(t);
});
afterEach(() => fake.reset());
afterAll(async () => {
  await t?.stop();
  await fake?.close();
});

async function usageRow(id: string) {
  return withClient(
    t.databaseUrl,
    async (c) => (await c.query(`select byok, markup_bps, cost_nano, charged from usage_event where response->>'id' = $1`, [id])).rows[0],
  );
}

it("calls the provider with the user's own key, meters the call and charges nothing (no markup, no credits)", async () => {
  const user = await newUser(t, admin, 'byok-call', 'pro');
  const own = fakeKey('openai');
  ok(await t.gql(SET_KEY, { input: { provider: 'openai', apiKey: own } }, user.token), 'setProviderKey');
  fake.set({ reply: 'Paid by you', usage: { prompt_tokens: 12, completion_tokens: 3 } });
  const before = await balanceOf(t, user.token);

  const res = ok(await t.gql(COMPLETE, { i: input }, user.token), 'complete');

  expect(res).toMatchObject({ model: 'openai/gpt-4o-mini', provider: 'openai', byok: true, charged: '0.000000', content: 'Paid by you' });
  expect(fake.requests.at(-1)!.headers.authorization).toBe(`Bearer ${own}`);
  expect(await balanceOf(t, user.token)).toEqual(before);
  // Metered at the provider's price (12 × $0.15/1M + 3 × $0.60/1M = 3,600 nano$), with no markup and no charge.
  expect(await usageRow(res.id)).toEqual({ byok: true, markup_bps: 0, cost_nano: '3600', charged: '0' });
});

it('uses the platform key for a user without one, and for a user whose tier no longer allows own keys', async () => {
  const plain = await newUser(t, admin, 'byok-none', 'pro');
  const first = ok(await t.gql(COMPLETE, { i: input }, plain.token), 'complete');
  expect(fake.requests.at(-1)!.headers.authorization).toBe('Bearer sk-platform');
  expect(first.byok).toBe(false);
  expect(parseCredits(first.charged)).toBeGreaterThan(0n);

  const downgraded = await newUser(t, admin, 'byok-downgraded', 'pro');
  ok(await t.gql(SET_KEY, { input: { provider: 'openai', apiKey: fakeKey('openai') } }, downgraded.token), 'setProviderKey');
  ok(await t.gql(`mutation($u: ID!) { adminSetTier(userId: $u, tier: "starter") { id } }`, { u: downgraded.id }, admin), 'adminSetTier');
  const second = ok(await t.gql(COMPLETE, { i: input }, downgraded.token), 'complete');
  expect(second.byok).toBe(false);
  expect(fake.requests.at(-1)!.headers.authorization).toBe('Bearer sk-platform');
});

it('answers PROVIDER_UNAVAILABLE when the own key is refused, charging nothing (no silent switch to the platform key)', async () => {
  const user = await newUser(t, admin, 'byok-bad', 'pro');
  ok(await t.gql(SET_KEY, { input: { provider: 'openai', apiKey: fakeKey('openai') } }, user.token), 'setProviderKey');
  fake.set({ apiKey: 'sk-platform' });
  const res = await t.gql(COMPLETE, { i: input }, user.token);
  expect(res.errors?.[0]?.extensions?.code).toBe('PROVIDER_UNAVAILABLE');
  expect(fake.requests).toHaveLength(1);
  expect((await balanceOf(t, user.token)).balance).toBe(parseCredits('10'));
});
