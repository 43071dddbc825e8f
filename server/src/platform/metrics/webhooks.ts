import { Counter, Histogram } from 'prom-client';
import { PREFIX, registry } from './registry.js';

const lag = new Histogram({
  name: `${PREFIX}webhook_lag_seconds`,
  help: "From a Stripe event's creation (its `created`) to Tollgate having processed it, by outcome; retries show as long lags.",
  labelNames: ['outcome'] as const,
  buckets: [0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600, 6 * 3600, 24 * 3600, 3 * 24 * 3600],
  registers: [registry],
});

const events = new Counter({
  name: `${PREFIX}webhook_events_total`,
  help: 'Stripe webhook deliveries by outcome: applied, already-applied, failed (Stripe retries), rejected (bad signature).',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

export type WebhookOutcome = 'applied' | 'already-applied' | 'failed' | 'rejected';

/**
 * One delivery processed. `createdSeconds` is the event's `created` (Unix seconds, Stripe's clock);
 * a clock skew that puts it in the future counts as no lag. A rejected delivery has no trusted `created`.
 */
export function recordWebhook(outcome: WebhookOutcome, createdSeconds?: number, nowMs = Date.now()): void {
  events.inc({ outcome });
  if (typeof createdSeconds === 'number' && Number.isFinite(createdSeconds)) lag.observe({ outcome }, Math.max(0, nowMs / 1000 - createdSeconds));
}
