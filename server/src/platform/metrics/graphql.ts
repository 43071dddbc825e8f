import type { ApolloServerPlugin } from '@apollo/server';
import { Counter, Histogram } from 'prom-client';
import { BoundedLabel, PREFIX, registry } from './registry.js';

/**
 * How many distinct operation names get a time series of their own. Names are chosen by clients,
 * so a bound is what keeps a client from growing the series without end; the web app uses about
 * 80 and the first names a process sees are mostly its own. Later ones are counted as `other`.
 */
export const MAX_OPERATION_NAMES = 200;
const GRAPHQL_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

const operations = new Counter({
  name: `${PREFIX}graphql_operations_total`,
  help: 'GraphQL operations over HTTP, by operation name (bounded), type and outcome (ok or the first error code).',
  labelNames: ['operation', 'type', 'outcome'] as const,
  registers: [registry],
});

const latency = new Histogram({
  name: `${PREFIX}graphql_operation_duration_seconds`,
  help: 'Time from an operation arriving to its response, by operation name (bounded) and type.',
  labelNames: ['operation', 'type'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
  registers: [registry],
});

const names = new BoundedLabel(MAX_OPERATION_NAMES, GRAPHQL_NAME);
// Error codes are ours (errors.ts) or Apollo's, but a bound costs nothing.
const codes = new BoundedLabel(50, /^[A-Z][A-Z0-9_]{0,39}$/);

/**
 * Counts and times every GraphQL request Apollo serves. A document that does not parse or
 * validate has no operation: it counts as operation `invalid`, so its name never becomes a label.
 */
export function graphqlMetricsPlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operation, operationName, response }) {
          const operationLabel = operation ? names.fold(operationName, 'anonymous') : 'invalid';
          const type = operation?.operation ?? 'unknown';
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          const code = errors?.length ? codes.fold(String(errors[0]?.extensions?.code ?? 'UNKNOWN')) : 'ok';
          operations.inc({ operation: operationLabel, type, outcome: code });
          latency.observe({ operation: operationLabel, type }, Number(process.hrtime.bigint() - started) / 1e9);
        },
      };
    },
  };
}
