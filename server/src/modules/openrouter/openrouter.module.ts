import { parseUsdMicro } from '@tollgate/shared';
import type { Config } from '../../platform/config.js';
import type { Keyring } from '../../platform/crypto.js';
import type { Logger } from '../../platform/logger.js';
import type { Sql } from '../../platform/sql.js';
import { OpenRouterClient } from './openrouter.client.js';
import { ManagedOpenRouterKeys, type BalanceReader } from './openrouter.keys.js';
import { LimitSync } from './openrouter.limits.js';
import { PriceImport, type CatalogPrices, type PriceWriter } from './openrouter.prices.js';
import { OpenRouterKeyStore } from './openrouter.store.js';
import { UsageReconciliation } from './openrouter.usage.js';

/** OpenRouter's API root when OPENROUTER_BASE_URL is unset: the chat provider's default too. */
const DEFAULT_BASE_URL = 'https://openrouter.ai/api/v1';

export interface OpenRouterDeps {
  config: Pick<Config, 'OPENROUTER_PROVISIONING_KEY' | 'OPENROUTER_BASE_URL' | 'CREDIT_USD' | 'PROVIDER_TIMEOUT_MS'>;
  sql: Sql & { transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> };
  keyring: Keyring;
  ledger: BalanceReader;
  /** The ledger's after-commit balance events (billing's BalanceTap). */
  balanceEvents?: { listen(listener: (balance: { userId: string }) => void): () => void };
  catalog: CatalogPrices;
  catalogAdmin: PriceWriter;
  log: Logger;
  /** Tests shorten it; production waits this long for a user's balance to settle before syncing. */
  debounceMs?: number;
}

/**
 * OpenRouter automation (docs/openrouter.md, docs/decisions/0053): per-user keys created through
 * OpenRouter's key-management API, their limits kept in step with credit, their usage reconciled,
 * and OpenRouter's prices imported after review. Null without OPENROUTER_PROVISIONING_KEY: then
 * nothing of it runs and OpenRouter calls use the platform key as before.
 */
export function createOpenRouter(d: OpenRouterDeps) {
  const provisioningKey = d.config.OPENROUTER_PROVISIONING_KEY?.trim();
  if (!provisioningKey) return null;
  const client = new OpenRouterClient({
    baseUrl: d.config.OPENROUTER_BASE_URL ?? DEFAULT_BASE_URL,
    provisioningKey,
    timeoutMs: Math.min(d.config.PROVIDER_TIMEOUT_MS, 30_000),
  });
  const store = new OpenRouterKeyStore(d.sql);
  const creditUsdMicro = parseUsdMicro(d.config.CREDIT_USD);
  const base = { store, client, ledger: d.ledger, creditUsdMicro, log: d.log };
  const keys = new ManagedOpenRouterKeys({ ...base, sql: d.sql, keyring: d.keyring });
  const limits = new LimitSync(base, { debounceMs: d.debounceMs ?? 2_000, slackCents: 5n });
  d.balanceEvents?.listen(limits.onBalance);
  return {
    keys,
    limits,
    usage: new UsageReconciliation(store, limits, d.log),
    prices: new PriceImport(client, d.catalog, d.catalogAdmin),
  };
}

export type OpenRouterAutomation = NonNullable<ReturnType<typeof createOpenRouter>>;
