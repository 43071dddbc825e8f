import { parseCredits } from '@tollgate/shared';
import type { Backplane } from '../../platform/backplane/index.js';
import type { Config } from '../../platform/config.js';
import type { Logger } from '../../platform/logger.js';
import type { ModelRecommender } from '../catalog/index.js';
import type { CatalogService } from '../catalog/index.js';
import type { LedgerService } from '../ledger/index.js';
import type { CompletionUsageService } from '../metering/index.js';
import { ResponseCache } from './gateway.cache.js';
import { CompletionLimits } from './gateway.limits.js';
import { CompletionMeter } from './gateway.meter.js';
import { CompletionPlanner, DEFAULT_FALLBACKS, type ManagedProviderKeys, type ProviderKeyLookup } from './gateway.plan.js';
import { GatewayService, type AfterUsage } from './gateway.service.js';
import { HoldLeases } from '../ledger/index.js';
import { IdempotencyClaims } from './gateway.idempotency.js';
import { platformProviders, runnableProviders } from './gateway.runnable.js';
import type { ProviderFactory } from './providers/provider.js';
import { ProviderStatusReader } from './gateway.status.js';
import type { Sql } from '../../platform/sql.js';

export interface GatewayDeps {
  config: Config;
  sql: Sql;
  backplane: Backplane;
  log: Logger;
  catalog: CatalogService;
  recommender: ModelRecommender;
  ledger: LedgerService;
  usage: CompletionUsageService;
  providerKeys: ProviderKeyLookup;
  /** Per-user keys the platform pays for (OpenRouter automation); absent when it is off. */
  managedKeys?: ManagedProviderKeys;
  /** The platform's providers (services.ts builds them once); built from the config when absent. */
  providers?: ProviderFactory;
  afterUsage?: AfterUsage;
}

/** The admin's status is the platform's alone: no user's own keys. */
const NO_OWN_KEYS = { ownKeyProviders: async () => new Set<string>() };

/** The gateway's parts, wired from the process config. */
export function createGateway(d: GatewayDeps): { gateway: GatewayService; providerStatus: ProviderStatusReader } {
  // The composition root's providers when given, so `auto` and the admin's status read the ones the gateway calls.
  const providers = d.providers ?? platformProviders(d.config);
  const limits = new CompletionLimits(d.backplane, d.usage);
  const planner = new CompletionPlanner(
    d.catalog,
    d.recommender,
    providers,
    d.providerKeys,
    limits,
    d.config.MODEL_FALLBACKS ?? DEFAULT_FALLBACKS,
    d.managedKeys,
  );
  const gateway = new GatewayService(
    planner,
    limits,
    d.ledger,
    d.usage,
    new CompletionMeter(d.usage),
    new ResponseCache(d.backplane),
    new IdempotencyClaims(d.backplane),
    d.log,
    new HoldLeases(d.ledger, d.log, d.config.HOLD_LEASE_SECONDS),
    {
      cacheHitPrice: parseCredits(d.config.CACHE_HIT_CREDITS),
      afterUsage: d.afterUsage,
      sql: d.sql,
    },
  );
  return { gateway, providerStatus: new ProviderStatusReader(d.sql, runnableProviders(providers, NO_OWN_KEYS, d.managedKeys)) };
}
