import { chargeMicroCredits } from '../shared/src/money.js';

/**
 * The shape both analytics bench databases share (docs/bench-analytics.md). Usage is a fixed set
 * of KEYS rollup keys — USERS users × DAYS UTC days × 2 (service, model, provider, BYOK, outcome)
 * combinations a user-day — and a database differs from the other only in how many usage events
 * stand behind each key: 1 (10k events) or 1,000 (10M). An event of the small database carries
 * 1,000 times the tokens, cost and charge of one of the large database's, so both rollups hold
 * the very same rows and sums, the ledger seeded from them is the same, and every analytics
 * query must answer the same figures from both: only the number of usage_event rows differs.
 */
export const USERS = 100;
export const DAYS = 50;
export const SLOTS_PER_DAY = USERS * 2;
export const KEYS = DAYS * SLOTS_PER_DAY; // 10,000
/** Events behind one key in the large database; the small one has 1 per key, each UNIT_SCALE times larger. */
export const UNIT_SCALE = 1000;
const MARKUP_BPS = 500n;
const BYOK_FEE_BPS = 500n; // a BYOK call pays the platform 5% of what it would have cost
const CREDIT_USD_MICRO = 10_000n; // CREDIT_USD 0.01 (the default)

/** Paid models of the seeded catalog (catalog.data.ts), with their nano-dollar prices per token. */
const MODELS: Array<{ id: string; provider: string; input: bigint; output: bigint }> = [
  { id: 'openai/gpt-4o', provider: 'openai', input: 2500n, output: 10000n },
  { id: 'openai/gpt-4o-mini', provider: 'openai', input: 150n, output: 600n },
  { id: 'anthropic/claude-3.5-sonnet', provider: 'anthropic', input: 3000n, output: 15000n },
  { id: 'anthropic/claude-3.5-haiku', provider: 'anthropic', input: 800n, output: 4000n },
  { id: 'google/gemini-2.0-flash', provider: 'google', input: 100n, output: 400n },
  { id: 'google/gemini-1.5-pro', provider: 'google', input: 1250n, output: 5000n },
  { id: 'openai/gpt-3.5-turbo', provider: 'openai', input: 500n, output: 1500n },
  { id: 'openrouter/anthropic/claude-3.5-sonnet', provider: 'openrouter', input: 3000n, output: 15000n },
];

/** User u's deterministic id (the same in both databases, so their answers compare equal). */
export const userId = (u: number) => `00000000-0000-4000-8000-${u.toString(16).padStart(12, '0')}`;
/** Tier by user: a quarter subscribe to Pro (analytics-ledger.ts); the rest stay on Free. */
export const tierOf = (u: number) => (u % 4 === 1 ? 'pro' : 'free');
export const isByokUser = (u: number) => u % 5 === 4;

/** One rollup key and the figures of ONE event of the large database behind it. */
export interface SeedKey {
  k: number;
  day: number;
  user: number;
  modelId: string;
  provider: string;
  status: 'ok' | 'cached' | 'error';
  byok: boolean;
  inputTokens: number;
  outputTokens: number;
  costNano: bigint;
  charged: bigint;
  saved: bigint;
}

/**
 * Key k: day k / 200, user (k % 200) / 2, combination k % 2. Combination 0 is the user's main
 * model (on the user's own key for one user in five); combination 1 rotates by day through a
 * second model, a cache hit on the main model, a failed call and the second model again.
 */
export function seedKey(k: number): SeedKey {
  const day = Math.floor(k / SLOTS_PER_DAY);
  const slot = k % SLOTS_PER_DAY;
  const user = Math.floor(slot / 2);
  const main = MODELS[user % MODELS.length]!;
  const second = MODELS[(user + 3) % MODELS.length]!;
  const turn = day % 4;
  const combo = slot % 2;
  const model = combo === 0 || turn === 1 ? main : second;
  const status = combo === 0 ? 'ok' : turn === 1 ? 'cached' : turn === 2 ? 'error' : 'ok';
  const byok = combo === 0 && isByokUser(user);
  const inputTokens = 200 + ((k * 37) % 800);
  const outputTokens = status === 'error' ? 0 : 50 + ((k * 53) % 400);
  const listNano = BigInt(inputTokens) * model.input + BigInt(outputTokens) * model.output;
  const charge = (bps: bigint) => chargeMicroCredits({ costNanoUsd: listNano, markupBps: bps, creditUsdMicro: CREDIT_USD_MICRO });
  // A cache hit costs us nothing and is charged as the call; a failed call cost the provider its input and charges nothing.
  const costNano = status === 'cached' ? 0n : listNano;
  const charged = status === 'error' ? 0n : byok ? (charge(0n) * BYOK_FEE_BPS + 9_999n) / 10_000n : charge(MARKUP_BPS);
  return {
    k,
    day,
    user,
    modelId: model.id,
    provider: model.provider,
    status,
    byok,
    inputTokens,
    outputTokens,
    costNano,
    charged,
    saved: status === 'cached' ? charged : 0n,
  };
}
