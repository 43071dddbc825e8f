import { parseCredits } from '@tollgate/shared';
import type { Backplane } from '../../../platform/backplane/index.js';
import type { Config } from '../../../platform/config.js';
import type { Logger } from '../../../platform/logger.js';
import type { Sql } from '../../../platform/sql.js';
import type { CatalogService } from '../../catalog/index.js';
import { HoldLeases, type LedgerService } from '../../ledger/index.js';
import type { CompletionUsageService } from '../../metering/index.js';
import { ResponseCache } from '../gateway.cache.js';
import { IdempotencyClaims } from '../gateway.idempotency.js';
import { CompletionLimits } from '../gateway.limits.js';
import { CompletionMeter } from '../gateway.meter.js';
import type { ProviderKeyLookup } from '../gateway.plan.js';
import { CompletionAftermath, type AfterUsage } from '../gateway.settle.js';
import { createEmbeddingProviders } from '../providers/embeddings.js';
import { EmbeddingsCacheHits } from './embeddings.cache-hit.js';
import { EmbeddingsPlanner } from './embeddings.plan.js';
import { EmbeddingsService } from './embeddings.service.js';

export interface EmbeddingsDeps {
  config: Config;
  sql: Sql;
  backplane: Backplane;
  log: Logger;
  catalog: CatalogService;
  ledger: LedgerService;
  usage: CompletionUsageService;
  providerKeys: ProviderKeyLookup;
  afterUsage?: AfterUsage;
}

/**
 * The embeddings service, built from the completions' own parts: the same per-minute counters and
 * month check (CompletionLimits on the same backplane keys), response cache, idempotency claims,
 * metering and hold leases, so an embedding is limited, cached, held and settled like a completion.
 */
export function createEmbeddings(d: EmbeddingsDeps): EmbeddingsService {
  const providers = createEmbeddingProviders(d.config, { timeoutMs: d.config.PROVIDER_TIMEOUT_MS, maxRetries: d.config.PROVIDER_MAX_RETRIES });
  const limits = new CompletionLimits(d.backplane, d.usage);
  const meter = new CompletionMeter(d.usage);
  const cache = new ResponseCache(d.backplane);
  const aftermath = new CompletionAftermath(d.ledger, meter, cache, d.log, d.afterUsage, d.sql);
  return new EmbeddingsService(
    new EmbeddingsPlanner(d.catalog, providers, d.providerKeys, limits),
    limits,
    d.ledger,
    d.usage,
    meter,
    cache,
    new IdempotencyClaims(d.backplane),
    aftermath,
    new HoldLeases(d.ledger, d.log, d.config.HOLD_LEASE_SECONDS),
    d.log,
    new EmbeddingsCacheHits(d.ledger, meter, aftermath, parseCredits(d.config.CACHE_HIT_CREDITS)),
  );
}
