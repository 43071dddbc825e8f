import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestApp } from '../../../test-support/app.js';
import { withClient } from '../../../test-support/database.js';
import type { FakeOpenRouter } from '../../../test-support/fake-openrouter.js';
import { newUser, ok, signInAdmin } from '../../gateway/__tests__/support.js';
import { SONNET, startOpenRouterApp } from './openrouter-support.js';

const PREVIEW = `{ adminOpenRouterPriceImport { modelId providerModel currentInputUsdPerMTok currentOutputUsdPerMTok
  openRouterInputUsdPerMTok openRouterOutputUsdPerMTok openRouterCachedInputUsdPerMTok rounded free becameFree changed } }`;
const APPLY = `mutation($ids: [ID!]!) { applyOpenRouterPriceImport(modelIds: $ids) { modelId inputUsdPerMTok outputUsdPerMTok cachedInputUsdPerMTok effectiveFrom } }`;
const HISTORY = `query($m: ID!) { modelPriceHistory(modelId: $m) { inputUsdPerMTok outputUsdPerMTok cachedInputUsdPerMTok } }`;
const MISTRAL = 'openrouter/mistralai/mistral-7b-instruct:free';
const LLAMA = 'openrouter/meta-llama/llama-3.1-8b-instruct:free';

let t: TestApp;
let fake: FakeOpenRouter;
let admin: string;

beforeAll(async () => {
  ({ t, fake } = await startOpenRouterApp());
  admin = await signInAdmin(t);
  // OpenRouter lowered Sonnet's price (with a cached-read price finer than a nano-dollar per token).
  const sonnet = fake.models.find((m) => m.id === 'anthropic/claude-3.5-sonnet')!;
  sonnet.pricing = { prompt: '0.0000025', completion: '0.0000125', input_cache_read: '0.0000000375' };
  // Our catalog charges for Mistral, which OpenRouter serves free.
  const input = { modelId: MISTRAL, inputUsdPerMTok: '0.1', outputUsdPerMTok: '0.2' };
  ok(await t.gql(`mutation($i: ModelPriceInput!) { adminSetModelPrice(input: $i) { id } }`, { i: input }, admin), 'adminSetModelPrice');
});
afterAll(async () => {
  await t?.app.services.openrouter?.limits.idle();
  await t?.stop();
  await fake?.close();
});

const versions = () => withClient(t.databaseUrl, async (c) => (await c.query(`select count(*)::int as n from model_price`)).rows[0].n as number);

it("previews every OpenRouter model of the catalog beside OpenRouter's price, flagging free ones", async () => {
  const rows = ok(await t.gql(PREVIEW, {}, admin), 'adminOpenRouterPriceImport');
  const by = new Map(rows.map((r: { modelId: string }) => [r.modelId, r]));
  expect(rows.map((r: { modelId: string }) => r.modelId).sort()).toEqual([LLAMA, SONNET, MISTRAL].sort());
  expect(by.get(SONNET)).toEqual({
    modelId: SONNET,
    providerModel: 'anthropic/claude-3.5-sonnet',
    currentInputUsdPerMTok: '3',
    currentOutputUsdPerMTok: '15',
    openRouterInputUsdPerMTok: '2.5',
    openRouterOutputUsdPerMTok: '12.5',
    // 0.0000000375 $/token = 37.5 nano-dollars: rounded up to 38, $0.038 per 1M.
    openRouterCachedInputUsdPerMTok: '0.038',
    rounded: true,
    free: false,
    becameFree: false,
    changed: true,
  });
  expect(by.get(MISTRAL)).toMatchObject({ openRouterInputUsdPerMTok: '0', free: true, becameFree: true, changed: true });
  expect(by.get(LLAMA)).toMatchObject({ free: true, becameFree: false, changed: false });
});

it('writes the reviewed prices as new price versions, exactly, with an audit row', async () => {
  const applied = ok(await t.gql(APPLY, { ids: [SONNET, MISTRAL] }, admin), 'applyOpenRouterPriceImport');
  expect(applied.map((a: { modelId: string; inputUsdPerMTok: string }) => [a.modelId, a.inputUsdPerMTok])).toEqual([
    [SONNET, '2.5'],
    [MISTRAL, '0'],
  ]);
  const [latest] = ok(await t.gql(HISTORY, { m: SONNET }, admin), 'modelPriceHistory');
  expect(latest).toEqual({ inputUsdPerMTok: '2.5', outputUsdPerMTok: '12.5', cachedInputUsdPerMTok: '0.038' });
  const nano = await withClient(
    t.databaseUrl,
    async (c) =>
      (
        await c.query(
          `select input_nano::text, output_nano::text, cached_input_nano::text from model_price where model_id = $1 order by effective_from desc limit 1`,
          [SONNET],
        )
      ).rows[0],
  );
  expect(nano).toEqual({ input_nano: '2500', output_nano: '12500', cached_input_nano: '38' });
  const [mistral] = ok(await t.gql(HISTORY, { m: MISTRAL }, admin), 'modelPriceHistory');
  expect(mistral).toMatchObject({ inputUsdPerMTok: '0', outputUsdPerMTok: '0' });
  const audit = await withClient(
    t.databaseUrl,
    async (c) => (await c.query(`select count(*)::int as n from admin_audit where action = 'applyOpenRouterPriceImport'`)).rows[0].n,
  );
  expect(audit).toBe(1);
  // Nothing left to change.
  const rows = ok(await t.gql(PREVIEW, {}, admin), 'adminOpenRouterPriceImport');
  expect(rows.filter((r: { changed: boolean }) => r.changed)).toEqual([]);
});

it('refuses unknown, foreign, duplicate or no model ids with BAD_USER_INPUT and writes nothing', async () => {
  const before = await versions();
  for (const ids of [[SONNET, 'openrouter/not-in-catalog'], ['sandbox/echo'], [], [SONNET, SONNET], ['x'.repeat(5000)]]) {
    const res = await t.gql(APPLY, { ids }, admin);
    expect(res.errors?.[0]?.extensions?.code, JSON.stringify(ids).slice(0, 80)).toBe('BAD_USER_INPUT');
  }
  expect(await versions()).toBe(before);
});

it('is for admins only', async () => {
  const user = await newUser(t, admin, 'or-prices-user');
  expect((await t.gql(PREVIEW, {}, user.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect((await t.gql(APPLY, { ids: [SONNET] }, user.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
});

it('answers PROVIDER_UNAVAILABLE when OpenRouter fails, writing nothing', async () => {
  const before = await versions();
  fake.failModels = 1;
  expect((await t.gql(APPLY, { ids: [SONNET] }, admin)).errors?.[0]?.extensions?.code).toBe('PROVIDER_UNAVAILABLE');
  expect(await versions()).toBe(before);
});
