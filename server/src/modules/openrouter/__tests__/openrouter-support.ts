/** What the OpenRouter suites share: the fake with OpenRouter's models, a test app wired to it, the formula. */
import { startTestApp, type TestApp } from '../../../test-support/app.js';
import { withClient } from '../../../test-support/database.js';
import { FakeOpenRouter, type FakeModel } from '../../../test-support/fake-openrouter.js';

export const PLATFORM_KEY = 'sk-or-v1-platform-key-for-tests';
export const SONNET = 'openrouter/anthropic/claude-3.5-sonnet';

/** OpenRouter's list as the fake serves it: two of our catalog's free models, a paid one, and models we do not carry. */
export const MODELS: FakeModel[] = [
  { id: 'meta-llama/llama-3.1-8b-instruct:free', name: 'Llama 3.1 8B (free)', context_length: 131072, pricing: { prompt: '0', completion: '0' } },
  { id: 'mistralai/mistral-7b-instruct:free', name: 'Mistral 7B (free)', context_length: 32768, pricing: { prompt: '0', completion: '0' } },
  { id: 'anthropic/claude-3.5-sonnet', name: 'Claude 3.5 Sonnet', context_length: 200000, pricing: { prompt: '0.000003', completion: '0.000015' } },
  { id: 'qwen/qwen-2-7b-instruct', name: 'Qwen 2 7B', context_length: 32768, pricing: { prompt: '0', completion: '0' } },
  { id: 'openrouter/auto', name: 'Auto Router', context_length: 2000000, pricing: { prompt: '-1', completion: '-1' } },
];

export async function startOpenRouterApp(): Promise<{ t: TestApp; fake: FakeOpenRouter }> {
  const fake = await FakeOpenRouter.start();
  fake.models = structuredClone(MODELS);
  const t = await startTestApp({
    OPENROUTER_API_KEY: PLATFORM_KEY,
    OPENROUTER_BASE_URL: fake.baseURL,
    OPENROUTER_PROVISIONING_KEY: fake.provisioningKey,
    MODEL_FALLBACKS: '{}',
  });
  return { t, fake };
}

/** The services of the app's OpenRouter automation (on in these suites). */
export const automation = (t: TestApp) => t.app.services.openrouter!;

/**
 * The limit the key must carry, computed here independently: the provider cost metered for the
 * user's OpenRouter calls plus the balance in dollars (CREDIT_USD 0.01: 1 credit = 1,000,000
 * micro-credits = 10,000,000 nano-dollars), floored to cents, as OpenRouter's USD number.
 */
export function expectedLimit(meteredNano: bigint, balanceMicro: bigint): number {
  const creditNano = balanceMicro > 0n ? balanceMicro * 10n : 0n;
  const cents = (meteredNano + creditNano) / 10_000_000n;
  return Number(cents) / 100;
}

/** The provider cost the metering recorded for the user's OpenRouter calls, nano-dollars (read straight from the table). */
export async function meteredCost(t: TestApp, userId: string): Promise<bigint> {
  const n = await withClient(
    t.databaseUrl,
    async (c) =>
      (
        await c.query(`select coalesce(sum(cost_nano), 0)::text as n from usage_event where user_id = $1 and provider = 'openrouter' and status = 'ok'`, [
          userId,
        ])
      ).rows[0].n,
  );
  return BigInt(n);
}
