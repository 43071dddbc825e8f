import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from '../../../test-support/app.js';
import { redisEnv } from '../../billing/__tests__/billing-support.js';
import { fakeKey, SET_KEY } from '../../gateway/byok/__tests__/byok-helpers.js';
import { FakeOpenAi } from '../../gateway/__tests__/fakes/fake-openai.js';
import { ledgerAudit, newUser, ok, signInAdmin, type User } from '../../gateway/__tests__/support.js';
import { day, midnight, noon, recordAt, rowCounts } from './economics-support.js';

/**
 * Provider reconciliation, hand-computed (docs/analytics.md). Today, through the real gateway:
 * sandbox/echo ($1 / $2 per 1M tokens) answers a call, then the same call from the cache, then the
 * same call again whose settle fails (so it is metered as a failure that cost us the call); OpenAI
 * (fake, gpt-4o-mini: $0.15 / $0.60, cached prompt $0.075) answers a BYOK call, a call whose 1,000
 * prompt tokens include 400 from the provider's prompt cache, and a failure (no cost). Earlier days
 * through our UsageStore: day −2 gpt-3.5-turbo at 06:00 and 18:00 with a new price from 12:00;
 * day −3 a clean day (a call, its cache hit, a tracked service that has no provider).
 */

const COMPLETE = `mutation($i: CompletionInput!) { complete(input: $i) { cached byok charged usage { inputTokens outputTokens } } }`;
const RECONCILE = `query($from: DateTime, $to: DateTime, $provider: ID) { adminProviderReconciliation(from: $from, to: $to, provider: $provider) {
  day provider requests inputTokens outputTokens listCostUsd cachedUsd byokUsd expectedCostUsd errorCostUsd meteredCostUsd differenceUsd unexplainedUsd explanation } }`;
const range = { from: midnight(-5).toISOString(), to: midnight(1).toISOString() };

let t: TestApp;
let fake: FakeOpenAi;
let admin: string;
let user: User;
let echo: { inputTokens: number; outputTokens: number };

beforeAll(async () => {
  fake = await FakeOpenAi.start();
  t = await startTestApp({
    OPENAI_API_KEY: 'sk-platform',
    OPENAI_BASE_URL: fake.baseURL,
    MODEL_FALLBACKS: '{}',
    PROVIDER_MAX_RETRIES: '0',
    ...redisEnv('reconcile'),
  });
  admin = await signInAdmin(t);
  user = await newUser(t, admin, 'recon', 'pro');
  const byokUser = await newUser(t, admin, 'recon-byok', 'pro');

  const call = { model: 'sandbox/echo', prompt: 'reconcile me', maxTokens: 20 };
  const first = ok(await t.gql(COMPLETE, { i: call }, user.token), 'complete');
  echo = first.usage;
  expect(ok(await t.gql(COMPLETE, { i: call }, user.token), 'complete').cached).toBe(true);
  // A real fault inside the settle's transaction: only the answered call's event is refused, so the failure is metered.
  await t.app.sql.query(`create function refuse_ok_event() returns trigger language plpgsql as $$
    begin if new.status = 'ok' then raise exception 'refused (test fault)'; end if; return new; end $$`);
  await t.app.sql.query(`create trigger refuse_ok_event before insert on usage_event for each row execute function refuse_ok_event()`);
  expect(errorCode(await t.gql(COMPLETE, { i: { ...call, useCache: false } }, user.token))).toBe('INTERNAL_SERVER_ERROR');
  await t.app.sql.query(`drop trigger refuse_ok_event on usage_event; drop function refuse_ok_event()`);

  const mini = { model: 'openai/gpt-4o-mini', prompt: 'count my tokens', maxTokens: 200, useCache: false };
  ok(await t.gql(SET_KEY, { input: { provider: 'openai', apiKey: fakeKey('openai') } }, byokUser.token), 'setProviderKey');
  fake.set({ usage: { prompt_tokens: 12, completion_tokens: 3, cached_tokens: 0 } });
  expect(ok(await t.gql(COMPLETE, { i: mini }, byokUser.token), 'complete').byok).toBe(true);
  fake.set({ usage: { prompt_tokens: 1000, completion_tokens: 100, cached_tokens: 400 } });
  ok(await t.gql(COMPLETE, { i: mini }, user.token), 'complete');
  fake.failNext(1, 500);
  expect(errorCode(await t.gql(COMPLETE, { i: mini }, user.token))).toBe('PROVIDER_UNAVAILABLE');

  // gpt-3.5-turbo lists at 500 / 1,500 nano-dollars a token; from day −2 12:00 UTC at 1,000 / 3,000.
  await t.app.sql.query(
    `insert into model_price (id, model_id, input_nano, output_nano, cached_input_nano, effective_from, source)
    values ($1, 'openai/gpt-3.5-turbo', 1000, 3000, null, $2, 'test')`,
    [randomUUID(), noon(-2)],
  );
  const turbo = { modelId: 'openai/gpt-3.5-turbo', provider: 'openai', inputTokens: 1000, outputTokens: 200 };
  await recordAt(t, user.id, new Date(midnight(-2).getTime() + 6 * 3_600_000), { ...turbo, costNano: 800_000n, charged: 1_000n });
  await recordAt(t, user.id, new Date(midnight(-2).getTime() + 18 * 3_600_000), { ...turbo, costNano: 1_600_000n, charged: 2_000n });

  const small = { modelId: 'openai/gpt-4o-mini', provider: 'openai', inputTokens: 100, outputTokens: 10 };
  await recordAt(t, user.id, noon(-3), { ...small, costNano: 21_000n, charged: 30n });
  await recordAt(t, user.id, noon(-3), { ...small, status: 'cached', cached: true });
  await recordAt(t, user.id, noon(-3), { service: 'embeddings', modelId: null, provider: null, units: 10n, costNano: 500n, charged: 1n });
  await recordAt(t, user.id, noon(-6), { ...small, costNano: 99_999n });
});
afterAll(async () => {
  await t?.stop();
  await fake?.close();
});

const reconcile = async (vars: Record<string, unknown> = {}) => ok(await t.gql(RECONCILE, { ...range, ...vars }, admin), 'adminProviderReconciliation');

describe('provider reconciliation', () => {
  it('lists each provider and day of the range, oldest first, with every difference explained', async () => {
    const rows = await reconcile();
    expect(rows.map((r: any) => `${r.day} ${r.provider}`)).toEqual([`${day(-3)} openai`, `${day(-2)} openai`, `${day(0)} openai`, `${day(0)} sandbox`]);
    const [clean, repriced, openai, sandbox] = rows;

    // A call and its cache hit at the list price: nothing to explain.
    expect(clean).toMatchObject({
      requests: 2,
      inputTokens: 200,
      outputTokens: 20,
      listCostUsd: '0.000042',
      cachedUsd: '0.000021',
      byokUsd: '0.000000',
      expectedCostUsd: '0.000021',
      meteredCostUsd: '0.000021',
      errorCostUsd: '0.000000',
      differenceUsd: '0.000000',
      unexplainedUsd: '0.000000',
      explanation: '',
    });
    // Listed at the price in force at 00:00 (2 × $0.0008); metered at each call's price ($0.0008 + $0.0016).
    expect(repriced).toMatchObject({
      requests: 2,
      listCostUsd: '0.001600',
      expectedCostUsd: '0.001600',
      meteredCostUsd: '0.002400',
      differenceUsd: '0.000800',
      unexplainedUsd: '0.000800',
      explanation: 'the price of openai/gpt-3.5-turbo changed during the day (listed at the price in force at 00:00 UTC)',
    });
    // BYOK 12 × 150 + 3 × 600 = 3,600 nano$; ours 1,000 × 150 + 100 × 600 = 210,000 listed, 600 × 150 + 400 × 75 + 100 × 600 = 180,000 billed.
    expect(openai).toMatchObject({
      requests: 3,
      inputTokens: 1012,
      outputTokens: 103,
      listCostUsd: '0.000214',
      cachedUsd: '0.000000',
      byokUsd: '0.000004',
      expectedCostUsd: '0.000210',
      meteredCostUsd: '0.000180',
      errorCostUsd: '0.000000',
      differenceUsd: '-0.000030',
      unexplainedUsd: '-0.000030',
      explanation: 'prompt-cache discounts on openai/gpt-4o-mini (cached prompt tokens cost less and are not stored per call) can account for up to $0.000075',
    });
    // The answered call, its cache hit and the failed settle each cost `one`; the failure's is explained.
    const one = BigInt(echo.inputTokens) * 1000n + BigInt(echo.outputTokens) * 2000n;
    const usd = (nano: bigint) => `0.${(nano / 1000n).toString().padStart(6, '0')}`;
    expect(sandbox).toMatchObject({
      requests: 3,
      inputTokens: 2 * echo.inputTokens,
      outputTokens: 2 * echo.outputTokens,
      listCostUsd: usd(2n * one),
      cachedUsd: usd(one),
      byokUsd: '0.000000',
      expectedCostUsd: usd(one),
      meteredCostUsd: usd(2n * one),
      errorCostUsd: usd(one),
      differenceUsd: usd(one),
      unexplainedUsd: '0.000000',
      explanation: `1 failed call cost $${usd(one)} that no user paid for`,
    });
  });

  it('narrows to one provider', async () => {
    expect((await reconcile({ provider: 'sandbox' })).map((r: any) => r.provider)).toEqual(['sandbox']);
    expect(await reconcile({ provider: 'nobody' })).toEqual([]);
  });

  it('answers BAD_USER_INPUT naming the argument, and writes nothing', async () => {
    const before = await rowCounts(t);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ from: new Date(midnight(-1).getTime() + 60_000).toISOString() }, 'from'],
      [{ from: range.to, to: range.from }, 'to'],
      [{ to: midnight(400).toISOString() }, 'to'],
      [{ provider: 'p'.repeat(101) }, 'provider'],
    ];
    for (const [vars, field] of cases) {
      const res = await t.gql(RECONCILE, { ...range, ...vars }, admin);
      expect({ vars, code: errorCode(res), field: res.errors?.[0]?.extensions?.field }).toEqual({ vars, code: 'BAD_USER_INPUT', field });
    }
    expect(await rowCounts(t)).toEqual(before);
    expect((await ledgerAudit(t, admin)).violations).toEqual([]);
  });
});
