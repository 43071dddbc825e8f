import { Counter, Histogram } from 'prom-client';
import { BoundedLabel, PREFIX, registry } from './registry.js';

/** One completion as the gateway ends it: served (ok), served from the cache, or failed. */
export interface CompletionSample {
  /** The catalog id of the model that answered (or was asked for, when none did). */
  model: string;
  /** The provider's name ('' or undefined when none was reached). */
  provider?: string | null;
  status: 'ok' | 'cached' | 'error';
  cached?: boolean;
  /** Paid with the user's own provider key. */
  byok?: boolean;
  /** From the hold committing to the settle committing; omitted when nothing was held. */
  holdToSettleMs?: number | null;
}

const completions = new Counter({
  name: `${PREFIX}completions_total`,
  help: 'Completions the gateway ended, by model, provider, status (ok, cached, error), cached and byok.',
  labelNames: ['model', 'provider', 'status', 'cached', 'byok'] as const,
  registers: [registry],
});

const holdToSettle = new Histogram({
  name: `${PREFIX}completion_hold_to_settle_seconds`,
  help: "From a completion's credit hold to its settle: the provider call plus the settle, per provider.",
  labelNames: ['provider'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
  registers: [registry],
});

const cacheLookups = new Counter({
  name: `${PREFIX}response_cache_lookups_total`,
  help: 'Response cache lookups by result (hit or miss; Redis away answers miss). Hit rate: hit / (hit + miss).',
  labelNames: ['result'] as const,
  registers: [registry],
});
// Both series exist from the start, so a rate over them is defined before the first hit.
cacheLookups.inc({ result: 'hit' }, 0);
cacheLookups.inc({ result: 'miss' }, 0);

// Model ids are the catalog's (a few hundred), but a failed call may carry what the caller asked for.
const models = new BoundedLabel(500);
const providers = new BoundedLabel(50);
const statuses = new BoundedLabel(10);

export const completionMetrics = {
  /** Call once per completion, where the gateway ends it; never throws. */
  record(sample: CompletionSample): void {
    const provider = providers.fold(sample.provider);
    completions.inc({
      model: models.fold(sample.model),
      provider,
      status: statuses.fold(sample.status),
      cached: String(sample.cached ?? sample.status === 'cached'),
      byok: String(sample.byok ?? false),
    });
    const ms = sample.holdToSettleMs;
    if (typeof ms === 'number' && Number.isFinite(ms) && ms >= 0) holdToSettle.observe({ provider }, ms / 1000);
  },

  /** The response cache answered a lookup (gateway.cache.ts). */
  cacheLookup(hit: boolean): void {
    cacheLookups.inc({ result: hit ? 'hit' : 'miss' });
  },
};
