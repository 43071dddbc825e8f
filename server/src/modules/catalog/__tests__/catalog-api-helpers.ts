/**
 * What the catalog's GraphQL test files share: one real server per test file with the admin signed
 * in, users who each sign up from an address of their own, a snapshot of every row a catalog edit
 * could write, and the charge arithmetic redone here from the USD prices (not with the shared
 * pricing helpers the server uses), so a test can disagree with the server.
 *
 * `t` and `admin` are live bindings set by `useCatalogApp()`'s hooks; vitest gives every test file
 * its own copy of this module.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { errorCode, startTestApp, TEST_ADMIN, type GqlResult, type TestApp } from '../../../test-support/app.js';
import { withClient } from '../../../test-support/database.js';
import { GOOD_PASSWORD, SIGN_IN, SIGN_UP, uniqueEmail } from '../../auth/__tests__/helpers.js';

export interface User {
  token: string;
  id: string;
  email: string;
}

export let t: TestApp;
export let admin: User;

/**
 * A platform key for every provider (never called: recommending and estimating call no provider), so
 * `auto` chooses among the whole catalog as on a fully configured server (decision 0046).
 */
export const EVERY_PROVIDER_CONFIGURED = {
  OPENAI_API_KEY: 'sk-test-never-called',
  ANTHROPIC_API_KEY: 'sk-ant-test-never-called',
  GOOGLE_API_KEY: 'test-never-called',
  OPENROUTER_API_KEY: 'sk-or-test-never-called',
};

/** Starts this file's server (with `env`) before its tests, signs the admin in, and stops it after them. */
export function useCatalogApp(env: Record<string, string> = {}): void {
  beforeAll(async () => {
    t = await startTestApp(env);
    admin = await signIn(t, TEST_ADMIN.email, TEST_ADMIN.password);
  });
  afterAll(async () => {
    await t?.stop();
  });
}

export async function signIn(app: TestApp, email: string, password: string): Promise<User> {
  const res = await app.gql(SIGN_IN, { input: { email, password } });
  if (!res.data) throw new Error(`sign-in failed: ${JSON.stringify(res.errors)}`);
  return { token: res.data.signIn.token, id: res.data.signIn.user.id, email };
}

let ipCounter = 0;
/** Sign-ups are limited per address; each user signs up from one of its own (loopback is a trusted proxy). */
export async function newUser(tag = 'catalog', app: TestApp = t): Promise<User> {
  ipCounter += 1;
  const email = uniqueEmail(tag);
  const ip = `203.0.${113 + Math.floor(ipCounter / 250)}.${ipCounter % 250}`;
  const res = await app.gql(SIGN_UP, { input: { email, password: GOOD_PASSWORD } }, undefined, { 'x-forwarded-for': ip });
  if (!res.data) throw new Error(`sign-up failed: ${JSON.stringify(res.errors)}`);
  return { token: res.data.signUp.token, id: res.data.signUp.user.id, email };
}

/** The data of a request that must succeed. */
export async function ok<T = any>(res: Promise<GqlResult> | GqlResult, field: string): Promise<T> {
  const result = await res;
  if (!result.data || result.errors) throw new Error(`${field} failed: ${JSON.stringify(result.errors)}`);
  return result.data[field] as T;
}

// ── Operations ──────────────────────────────────────────────────────────────────────────────────

export const MODELS = `{ models { id provider providerModel displayName inputUsdPerMTok outputUsdPerMTok cachedInputUsdPerMTok
  inputCreditsPerMTok outputCreditsPerMTok markupBps priceClass allowed contextWindow maxOutputTokens quality active priceEffectiveFrom kind } }`;
export const ADMIN_MODELS = '{ adminModels { id active inputUsdPerMTok outputUsdPerMTok } }';
export const ESTIMATE = `query Estimate($input: EstimateCostInput!) {
  estimateCost(input: $input) { model inputTokens maxOutputTokens expectedCredits maxCredits affordable }
}`;
export const RECOMMEND = `query Recommend($prompt: String!, $maxTokens: Int) {
  recommendModel(prompt: $prompt, maxTokens: $maxTokens) { model taskType complexity signals reasoning alternatives { model maxCredits rejectedBecause } }
}`;
export const SET_PRICE = `mutation SetPrice($input: ModelPriceInput!) {
  adminSetModelPrice(input: $input) { id inputUsdPerMTok outputUsdPerMTok cachedInputUsdPerMTok effectiveFrom source createdAt }
}`;
export const SET_ACTIVE = 'mutation Active($modelId: ID!, $active: Boolean!) { adminSetModelActive(modelId: $modelId, active: $active) }';
export const HISTORY = `query History($modelId: ID!) {
  modelPriceHistory(modelId: $modelId) { id inputUsdPerMTok outputUsdPerMTok cachedInputUsdPerMTok effectiveFrom source createdAt }
}`;
const TIER_FIELDS = `code name monthlyPriceUsd monthlyCredits rollover rolloverCap monthlyTokenAllowance monthlyRequestCap
  maxTokensPerRequest requestsPerMinute allowedPriceClasses allowedModels byokAllowed markupBps`;
export const TIERS = `{ tiers { ${TIER_FIELDS} } }`;
export const ME = '{ me { id email tier { code name maxTokensPerRequest markupBps } } }';
export const SET_TIER =
  'mutation SetTier($userId: ID!, $tier: String!) { adminSetTier(userId: $userId, tier: $tier) { id tier { code maxTokensPerRequest } } }';
export const SWITCH_TIER = 'mutation Switch($tier: String!) { switchTier(tier: $tier) { id tier { code maxTokensPerRequest } } }';
export const UPDATE_TIER = `mutation UpdateTier($code: String!, $input: TierInput!) { adminUpdateTier(code: $code, input: $input) { ${TIER_FIELDS} } }`;
export const DEDUCT = `mutation Deduct($input: AdminCreditInput!) { adminDeductCredits(input: $input) { id amount balanceAfter } }`;
export const GRANT = `mutation Grant($input: AdminCreditInput!) { adminGrantCredits(input: $input) { id amount balanceAfter } }`;

export interface ApiModel {
  id: string;
  provider: string;
  providerModel: string;
  displayName: string;
  inputUsdPerMTok: string;
  outputUsdPerMTok: string;
  cachedInputUsdPerMTok: string | null;
  inputCreditsPerMTok: string;
  outputCreditsPerMTok: string;
  markupBps: number;
  priceClass: string;
  allowed: boolean;
  contextWindow: number;
  maxOutputTokens: number;
  quality: number;
  active: boolean;
  priceEffectiveFrom: string;
  kind: string;
}
export interface ApiEstimate {
  model: string;
  inputTokens: number;
  maxOutputTokens: number;
  expectedCredits: string;
  maxCredits: string;
  affordable: boolean;
}

export const modelsOf = async (user: User, app: TestApp = t): Promise<ApiModel[]> => ok(app.gql(MODELS, {}, user.token), 'models');
export const estimate = (user: User, input: Record<string, unknown>) => t.gql(ESTIMATE, { input }, user.token);
export const estimateOk = (user: User, input: Record<string, unknown>): Promise<ApiEstimate> => ok(estimate(user, input), 'estimateCost');
export const setTier = (userId: string, tier: string) => ok(t.gql(SET_TIER, { userId, tier }, admin.token), 'adminSetTier');

// ── What a refused request must leave alone ─────────────────────────────────────────────────────

/** Every row a catalog edit (a price, a model's state, a tier, a user's tier) could write. */
export async function catalogRows(app: TestApp = t) {
  return withClient(app.databaseUrl, async (c) => {
    const q = async (sql: string) => (await c.query(sql)).rows;
    return {
      priceCount: (await q('select count(*)::int as n from model_price'))[0].n as number,
      prices: await q(
        'select id, model_id, input_nano::text, output_nano::text, cached_input_nano::text, effective_from, source, created_by from model_price order by id',
      ),
      models: await q('select id, active, updated_at from model order by id'),
      tierCount: (await q('select count(*)::int as n from tier'))[0].n as number,
      tiers: await q('select * from tier order by code'),
      userTiers: await q('select id, tier_code, updated_at from app_user order by id'),
    };
  });
}

/** The request is refused with `code` and writes nothing a catalog edit could write. */
export async function expectRefused(request: () => Promise<GqlResult>, code: string): Promise<GqlResult> {
  const before = await catalogRows();
  const res = await request();
  expect(errorCode(res), JSON.stringify(res.errors)).toBe(code);
  expect(res.data).toBeNull();
  expect(await catalogRows()).toEqual(before);
  return res;
}

// ── The charge arithmetic, redone independently ────────────────────────────────────────────────

/** "2.5" USD per 1M tokens → nano-dollars per token (1M tokens × 1 nano$ = $0.001): 2500. */
export function nanoPerToken(usdPerMillion: string): bigint {
  const [whole, fraction = ''] = usdPerMillion.split('.');
  if (fraction.length > 3) throw new Error(`test price ${usdPerMillion} has more than 3 decimals`);
  return BigInt(whole!) * 1000n + BigInt(fraction.padEnd(3, '0'));
}

/** "0.01" → micro-dollars (10000). */
export function usdMicro(usd: string): bigint {
  const [whole, fraction = ''] = usd.split('.');
  return BigInt(whole!) * 1_000_000n + BigInt(fraction.padEnd(6, '0'));
}

export interface TestPrice {
  input: string;
  output: string;
}

/**
 * micro-credits = ⌈ cost in USD / CREDIT_USD × (1 + markup) × 10^6 ⌉, with cost in nano-dollars:
 * ⌈ nano × (10000 + bps) × 10^6 / (10^9 / 10^6 × creditUsdMicro × 10000) ⌉.
 */
export function expectedMicroCredits(price: TestPrice, inputTokens: number, outputTokens: number, markupBps: number, creditUsd = '0.01'): bigint {
  const nano = BigInt(inputTokens) * nanoPerToken(price.input) + BigInt(outputTokens) * nanoPerToken(price.output);
  const numerator = nano * BigInt(10_000 + markupBps) * 1_000_000n;
  const denominator = 1_000n * usdMicro(creditUsd) * 10_000n;
  return (numerator + denominator - 1n) / denominator;
}

/** micro-credits → the `Credits` string (exactly 6 fraction digits). */
export function credits(micro: bigint): string {
  const whole = micro / 1_000_000n;
  return `${whole}.${(micro % 1_000_000n).toString().padStart(6, '0')}`;
}

/** A quarter of the output budget, at least 1 and at most 1,024 tokens (decision 0006). */
export function expectedOutputTokens(maxOutput: number): number {
  return Math.max(1, Math.min(1_024, Math.ceil(maxOutput / 4)));
}

/** An ISO time `ms` from now. */
export const fromNow = (ms: number) => new Date(Date.now() + ms).toISOString();
