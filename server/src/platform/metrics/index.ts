/** Prometheus metrics (docs/decisions/0040-metrics.md): the registry, what records into it, and the route. */
export { registry, BoundedLabel, OTHER } from './registry.js';
export { httpMetrics, routeOf } from './http.js';
export { graphqlMetricsPlugin, MAX_OPERATION_NAMES } from './graphql.js';
export { completionMetrics, type CompletionSample } from './completions.js';
export { registerPoolGauges, ormPoolStats, trackBackplane, type PoolStats } from './health.js';
export { recordWebhook, type WebhookOutcome } from './webhooks.js';
export { metricsRouter, METRICS_PATH, type MetricsAccess } from './route.js';
