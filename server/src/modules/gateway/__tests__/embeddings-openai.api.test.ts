import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { ceilDiv, countTokens } from '@tollgate/shared';
import { startTestApp, type TestApp } from '../../../test-support/app.js';
import { withClient } from '../../../test-support/database.js';
import { fakeKey, SET_KEY } from '../byok/__tests__/byok-helpers.js';
import { FakeOpenAi } from './fakes/fake-openai.js';
import { balanceOf, keyFor, ledgerAudit, newUser, ok, signInAdmin, snapshot } from './support.js';

/*
 * The OpenAI embedding models, through Tollgate and the official SDK to a local fake of OpenAI's API
 * (the real `openai` client on both sides): the provider's usage settles the hold, failures release
 * it, BYOK calls are metered and not charged.
 */

let t: TestApp;
let fake: FakeOpenAi;
let admin: string;
beforeAll(async () => {
  fake = await FakeOpenAi.start();
  t = await startTestApp({ OPENAI_API_KEY: 'sk-platform', OPENAI_BASE_URL: fake.baseURL, PROVIDER_MAX_RETRIES: '0' });
  admin = await signInAdmin(t);
});
afterEach(() => fake.reset());
afterAll(async () => {
  if (t) expect((await ledgerAudit(t, admin)).violations).toEqual([]);
  await t?.stop();
  await fake?.close();
});

async function caller(tag: string, tier?: string) {
  const user = await newUser(t, admin, tag, tier);
  const key = await keyFor(t, user, ['completions']);
  return { ...user, openai: new OpenAI({ apiKey: key.secret, baseURL: `${t.url}/v1`, maxRetries: 0 }) };
}

/** $0.02 / 1M input tokens = 20 nano$ a token, × 1.05 (the budget markup), to micro-credits at $0.01, rounded up once. */
const smallCharge = (tokens: number) => ceilDiv(BigInt(tokens) * 20n * 10_500n * 1_000_000n, 10_000n * 10_000n * 1_000n);

const usageRow = (userId: string) =>
  withClient(
    t.databaseUrl,
    async (c) =>
      (
        await c.query(
          `select model_id, provider, status, error_code, input_tokens, output_tokens, byok, markup_bps, cost_nano, charged, response
           from usage_event where user_id = $1 order by created_at desc limit 1`,
          [userId],
        )
      ).rows[0],
  );

it("calls OpenAI's embeddings API through its SDK and charges the provider's reported prompt_tokens", async () => {
  const u = await caller('oai-embed');
  fake.set({ usage: { prompt_tokens: 7 } });
  const before = await balanceOf(t, u.token);
  const inputs = ['the first text to embed', 'the second'];
  const res = await u.openai.embeddings.create({ model: 'openai/text-embedding-3-small', input: inputs, dimensions: 32 });
  expect(res.model).toBe('openai/text-embedding-3-small');
  expect(res.data.map((d) => d.embedding.length)).toEqual([32, 32]);
  expect(res.usage).toEqual({ prompt_tokens: 7, total_tokens: 7 });
  const sent = fake.requests.at(-1)!;
  expect(sent.path).toBe('/v1/embeddings');
  expect(sent.headers.authorization).toBe('Bearer sk-platform');
  expect(sent.body).toMatchObject({ model: 'text-embedding-3-small', input: inputs, dimensions: 32, encoding_format: 'base64' });
  const charged = smallCharge(7);
  expect(before.balance - (await balanceOf(t, u.token)).balance).toBe(charged);
  expect(await usageRow(u.id)).toMatchObject({
    model_id: 'openai/text-embedding-3-small',
    provider: 'openai',
    status: 'ok',
    input_tokens: 7,
    output_tokens: 0,
    byok: false,
    markup_bps: 500,
    cost_nano: '140',
    charged: charged.toString(),
  });
});

it('passes the vectors on exactly as the provider sent them, as floats or as base64', async () => {
  const u = await caller('oai-vectors');
  const direct = new OpenAI({ apiKey: 'sk-platform', baseURL: fake.baseURL, maxRetries: 0 });
  const expected = (await direct.embeddings.create({ model: 'text-embedding-3-large', input: 'same vector', encoding_format: 'float' })).data[0]!.embedding;
  const floats = await u.openai.embeddings.create({ model: 'openai/text-embedding-3-large', input: 'same vector', encoding_format: 'float' });
  expect(floats.data[0]!.embedding).toHaveLength(3072);
  expect(floats.data[0]!.embedding).toEqual(expected.map(Math.fround));
  const decoded = await u.openai.embeddings.create(
    { model: 'openai/text-embedding-3-large', input: 'same vector' },
    { headers: { 'cache-control': 'no-cache' } },
  );
  expect(decoded.data[0]!.embedding).toEqual(floats.data[0]!.embedding);
});

it('never charges more than it held: a provider counting more tokens than Tollgate is charged at the count', async () => {
  const u = await caller('oai-over');
  const input = 'four or five tokens here';
  fake.set({ usage: { prompt_tokens: 10_000 } });
  const before = await balanceOf(t, u.token);
  await u.openai.embeddings.create({ model: 'openai/text-embedding-3-small', input });
  const counted = countTokens(input, 'openai', 'text-embedding-3-small');
  expect(before.balance - (await balanceOf(t, u.token)).balance).toBe(smallCharge(counted));
});

it('answers 503 when OpenAI fails, releasing the hold and charging nothing, with the failure metered', async () => {
  const u = await caller('oai-fail');
  const before = await snapshot(t, u.token);
  fake.failNext(1, 500);
  const err = await u.openai.embeddings.create({ model: 'openai/text-embedding-3-small', input: 'this will fail' }).catch((e) => e);
  expect(err).toBeInstanceOf(OpenAI.APIError);
  expect(err.status).toBe(503);
  expect(await snapshot(t, u.token)).toEqual(before);
  expect(await usageRow(u.id)).toMatchObject({ status: 'error', error_code: 'PROVIDER_UNAVAILABLE', charged: '0' });
});

it("uses the user's own OpenAI key where the tier allows it: metered at the provider's price, charged nothing", async () => {
  const u = await caller('oai-byok', 'pro');
  const own = fakeKey('openai');
  ok(await t.gql(SET_KEY, { input: { provider: 'openai', apiKey: own } }, u.token), 'setProviderKey');
  fake.set({ usage: { prompt_tokens: 9 } });
  const before = await balanceOf(t, u.token);
  const { response } = await u.openai.embeddings.create({ model: 'openai/text-embedding-3-small', input: 'on my own key' }).withResponse();
  expect(fake.requests.at(-1)!.headers.authorization).toBe(`Bearer ${own}`);
  expect(response.headers.get('x-tollgate-credits-charged')).toBe('0.000000');
  expect(await balanceOf(t, u.token)).toEqual(before);
  expect(await usageRow(u.id)).toMatchObject({ byok: true, markup_bps: 0, cost_nano: '180', charged: '0', input_tokens: 9 });
});

it('holds the exact price of the counted input before OpenAI is called, and settles it', async () => {
  const u = await caller('oai-hold');
  const input = 'held while the provider works on it';
  const counted = countTokens(input, 'openai', 'text-embedding-3-small');
  fake.set({ delayMs: 1_500, usage: { prompt_tokens: counted } });
  const call = u.openai.embeddings.create({ model: 'openai/text-embedding-3-small', input });
  // The fake has the request (so the hold was taken first): the credit is held while it answers.
  while (!fake.requests.some((r) => r.path === '/v1/embeddings')) await new Promise((resolve) => setTimeout(resolve, 20));
  const during = await balanceOf(t, u.token);
  expect(during.held).toBe(smallCharge(counted));
  await call;
  const after = await balanceOf(t, u.token);
  expect(after).toEqual({ balance: during.balance - smallCharge(counted), held: 0n, available: during.balance - smallCharge(counted) });
});
