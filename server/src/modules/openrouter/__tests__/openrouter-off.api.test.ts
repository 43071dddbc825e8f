import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test-support/app.js';
import { withClient } from '../../../test-support/database.js';
import { FakeOpenRouter } from '../../../test-support/fake-openrouter.js';
import { newUser, ok, signInAdmin } from '../../gateway/__tests__/support.js';
import { MODELS, PLATFORM_KEY, SONNET } from './openrouter-support.js';

let t: TestApp;
let fake: FakeOpenRouter;
let admin: string;

beforeAll(async () => {
  fake = await FakeOpenRouter.start();
  fake.models = structuredClone(MODELS);
  // No OPENROUTER_PROVISIONING_KEY: the automation is off.
  t = await startTestApp({ OPENROUTER_API_KEY: PLATFORM_KEY, OPENROUTER_BASE_URL: fake.baseURL, MODEL_FALLBACKS: '{}' });
  admin = await signInAdmin(t);
});
afterAll(async () => {
  await t?.stop();
  await fake?.close();
});

it('without OPENROUTER_PROVISIONING_KEY creates no key and calls OpenRouter with the platform key, as before', async () => {
  expect(t.app.services.openrouter).toBeNull();
  const user = await newUser(t, admin, 'or-off', 'pro');
  const res = ok(
    await t.gql(`mutation($i: CompletionInput!) { complete(input: $i) { provider byok } }`, { i: { model: SONNET, prompt: 'hi', maxTokens: 10 } }, user.token),
    'complete',
  );
  expect(res).toEqual({ provider: 'openrouter', byok: false });
  expect(fake.chatKeys).toEqual([PLATFORM_KEY]);
  expect(fake.creates).toBe(0);
  expect(fake.requests.filter((r) => r.path.startsWith('/api/v1/keys'))).toEqual([]);
  const rows = await withClient(t.databaseUrl, async (c) => (await c.query(`select count(*)::int as n from openrouter_key`)).rows[0].n);
  expect(rows).toBe(0);
});

it('answers the admin operations with PROVIDER_UNAVAILABLE naming the variable', async () => {
  const res = await t.gql(`{ adminOpenRouterKeys { userId } }`, {}, admin);
  expect(res.errors?.[0]?.extensions?.code).toBe('PROVIDER_UNAVAILABLE');
  expect(res.errors?.[0]?.message).toContain('OPENROUTER_PROVISIONING_KEY');
  const apply = await t.gql(`mutation { applyOpenRouterPriceImport(modelIds: ["x"]) { modelId } }`, {}, admin);
  expect(apply.errors?.[0]?.extensions?.code).toBe('PROVIDER_UNAVAILABLE');
});
