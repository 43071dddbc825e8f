import type { RequestHandler } from 'express';
import { Counter, Histogram } from 'prom-client';
import { PREFIX, registry } from './registry.js';

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

const requests = new Counter({
  name: `${PREFIX}http_requests_total`,
  help: 'HTTP requests, by route (a fixed set), method and status code (aborted: the client hung up first).',
  labelNames: ['route', 'method', 'status'] as const,
  registers: [registry],
});

const latency = new Histogram({
  name: `${PREFIX}http_request_duration_seconds`,
  help: 'Time from a request arriving to its response finishing, by route, method and status code.',
  labelNames: ['route', 'method', 'status'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [registry],
});

/** The OpenAI-compatible API's paths; anything else under /v1 is `/v1/other`. */
const V1_ROUTES: Array<[RegExp, string]> = [
  [/^\/v1\/chat\/completions\/?$/, '/v1/chat/completions'],
  [/^\/v1\/models\/?$/, '/v1/models'],
  [/^\/v1\/models\/.+/, '/v1/models/:id'],
];
/** Tollgate's own checkout page (payments test mode); billing.service.ts's TEST_CHECKOUT_PATH. */
const TEST_CHECKOUT_PATH = '/test-checkout';
const EXACT = new Set(['/graphql', '/webhooks/stripe', '/healthz', '/readyz', '/metrics']);
const METHODS = new Set(['GET', 'POST', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'DELETE']);

/**
 * The route label: one of a fixed set, never the raw path (ids and probes in paths would make
 * a time series each). Everything outside the API (the web app, its assets, unknown paths) is `static`.
 */
export function routeOf(url: string): string {
  const at = url.search(/[?#]/);
  const path = at < 0 ? url : url.slice(0, at);
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  if (EXACT.has(trimmed)) return trimmed;
  if (trimmed === '/v1' || trimmed.startsWith('/v1/')) return V1_ROUTES.find(([pattern]) => pattern.test(path))?.[1] ?? '/v1/other';
  if (trimmed === TEST_CHECKOUT_PATH || trimmed.startsWith(`${TEST_CHECKOUT_PATH}/`) || trimmed.startsWith(`${TEST_CHECKOUT_PATH}.`)) return TEST_CHECKOUT_PATH;
  return 'static';
}

/** Counts and times every HTTP request; mounted first, so it sees each one whichever router answers. */
export function httpMetrics(): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    // 'close' comes for every response, also one whose client hung up first (status `aborted`).
    res.once('close', () => {
      const status = res.writableFinished ? String(res.statusCode) : 'aborted';
      const labels = { route: routeOf(req.originalUrl), method: METHODS.has(req.method) ? req.method : 'OTHER', status };
      requests.inc(labels);
      latency.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };
}
