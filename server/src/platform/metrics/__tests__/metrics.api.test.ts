import { randomBytes, randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test-support/app.js';
import { recordSecret } from '../../../test-support/log-capture.js';
import { createKey, signUp } from '../../../modules/auth/__tests__/helpers.js';
import { completionMetrics, MAX_OPERATION_NAMES } from '../index.js';
import { labelValues, parseSamples, valueOf, type Sample } from './prometheus-text.js';

const WEBHOOK_SECRET = 'whsec_tollgate_metrics_test';
const METRICS_TOKEN = `metrics-${randomBytes(16).toString('hex')}`;
const COMPLETE = `mutation Complete($i: CompletionInput!) { complete(input: $i) { id cached } }`;

let t: TestApp;
beforeAll(async () => {
  recordSecret(METRICS_TOKEN);
  t = await startTestApp({ STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET });
});
afterAll(async () => {
  await t?.stop();
});

async function scrape(url = t.url, headers: Record<string, string> = {}): Promise<{ status: number; type: string | null; text: string }> {
  const res = await fetch(`${url}/metrics`, { headers });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

async function samples(): Promise<Sample[]> {
  const res = await scrape();
  expect(res.status).toBe(200);
  return parseSamples(res.text);
}

describe('GET /metrics', () => {
  it("answers Prometheus' text format with the process defaults and the pool", async () => {
    const res = await scrape();
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/plain; version=0\.0\.4/);
    const all = parseSamples(res.text);
    expect(valueOf(all, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(all.some((s) => s.name === 'nodejs_eventloop_lag_seconds')).toBe(true);
    // The app's one PostgreSQL pool has opened connections (migrations, the seed) by now.
    expect(valueOf(all, 'tollgate_db_pool_connections', { pool: 'main', state: 'total' })).toBeGreaterThanOrEqual(1);
    expect(all.some((s) => s.name === 'tollgate_db_pool_connections' && s.labels.state === 'waiting')).toBe(true);
    expect(valueOf(all, 'tollgate_backplane_up')).toBe(1);
  });

  it('counts GraphQL operations by name, type and outcome, and HTTP requests by route and status', async () => {
    const before = await samples();
    await t.gql('query MetricsProbe { __typename }');
    await t.gql('query MetricsProbe { __typename }');
    const refused = await t.gql('query MetricsBalance { creditBalance { balance } }');
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await t.gql('query MetricsInvalid { noSuchField }');
    const after = await samples();
    const delta = (name: string, labels: Record<string, string>) => valueOf(after, name, labels) - valueOf(before, name, labels);
    expect(delta('tollgate_graphql_operations_total', { operation: 'MetricsProbe', type: 'query', outcome: 'ok' })).toBe(2);
    expect(delta('tollgate_graphql_operations_total', { operation: 'MetricsBalance', type: 'query', outcome: 'UNAUTHENTICATED' })).toBe(1);
    // A document that does not validate has no operation: its name never becomes a label.
    expect(delta('tollgate_graphql_operations_total', { operation: 'invalid', type: 'unknown', outcome: 'BAD_USER_INPUT' })).toBe(1);
    expect(labelValues(after, 'tollgate_graphql_operations_total', 'operation').has('MetricsInvalid')).toBe(false);
    expect(delta('tollgate_graphql_operation_duration_seconds_count', { operation: 'MetricsProbe' })).toBe(2);
    expect(delta('tollgate_http_requests_total', { route: '/graphql', method: 'POST', status: '200' })).toBeGreaterThanOrEqual(3);
    expect(delta('tollgate_http_request_duration_seconds_count', { route: '/graphql', method: 'POST' })).toBeGreaterThanOrEqual(4);
  });

  it('keeps raw paths out of the route label', async () => {
    const id = randomUUID();
    const before = await samples();
    await fetch(`${t.url}/v1/models/model-${id}`);
    await fetch(`${t.url}/v1/${id}`);
    await fetch(`${t.url}/wp-admin/${id}.php?x=${id}`);
    await fetch(`${t.url}/healthz`);
    const res = await scrape();
    expect(res.text).not.toContain(id);
    const after = parseSamples(res.text);
    const delta = (labels: Record<string, string>) =>
      valueOf(after, 'tollgate_http_requests_total', labels) - valueOf(before, 'tollgate_http_requests_total', labels);
    expect(delta({ route: '/v1/models/:id', method: 'GET' })).toBe(1);
    expect(delta({ route: '/v1/other', method: 'GET' })).toBe(1);
    expect(delta({ route: 'static', method: 'GET' })).toBeGreaterThanOrEqual(1);
    expect(delta({ route: '/healthz', method: 'GET', status: '200' })).toBe(1);
  });

  it('folds operation names past its bound (and malformed ones) into `other`', async () => {
    const long = `Q${'x'.repeat(80)}`;
    await t.gql(`query ${long} { __typename }`);
    // Enough distinct names to pass the bound whatever this process has seen before.
    for (let start = 0; start < MAX_OPERATION_NAMES + 10; start += 25) {
      await Promise.all(Array.from({ length: 25 }, (_, i) => t.gql(`query Flood${start + i} { __typename }`)));
    }
    const after = await samples();
    const names = labelValues(after, 'tollgate_graphql_operations_total', 'operation');
    expect(names.has(long)).toBe(false);
    expect(names.has('other')).toBe(true);
    expect(valueOf(after, 'tollgate_graphql_operations_total', { operation: 'other' })).toBeGreaterThanOrEqual(11);
    // The bound plus the fixed values anonymous, invalid and other.
    expect(names.size).toBeLessThanOrEqual(MAX_OPERATION_NAMES + 3);
    expect(labelValues(after, 'tollgate_graphql_operation_duration_seconds_count', 'operation').size).toBeLessThanOrEqual(MAX_OPERATION_NAMES + 3);
  });

  it('counts response cache hits and misses, and shows no user, key or e-mail', async () => {
    const user = await signUp(t);
    const key = await createKey(t, user.token, ['completions']);
    const before = await samples();
    const ask = { model: 'sandbox/echo', prompt: `metrics ${randomUUID()}`, maxTokens: 20 };
    const first = await t.gql(COMPLETE, { i: ask }, user.token);
    expect(first.errors).toBeUndefined();
    expect(first.data?.complete.cached).toBe(false);
    expect((await t.gql(COMPLETE, { i: ask }, user.token)).data?.complete.cached).toBe(true);
    const res = await scrape();
    const after = parseSamples(res.text);
    const delta = (result: string) =>
      valueOf(after, 'tollgate_response_cache_lookups_total', { result }) - valueOf(before, 'tollgate_response_cache_lookups_total', { result });
    expect(delta('miss')).toBe(1);
    expect(delta('hit')).toBe(1);
    for (const secret of [user.id, user.email, user.token, key.id, key.secret, key.prefix]) expect(res.text).not.toContain(secret);
  });

  it('counts completions by model, provider, status, cached and byok, with their hold-to-settle time', async () => {
    const before = await samples();
    completionMetrics.record({ model: 'openai/gpt-4o-mini', provider: 'openai', status: 'ok', byok: false, holdToSettleMs: 1500 });
    completionMetrics.record({ model: 'openai/gpt-4o-mini', provider: 'openai', status: 'cached' });
    completionMetrics.record({ model: `unknown model ${randomUUID()}`, provider: null, status: 'error' });
    const after = await samples();
    const delta = (name: string, labels: Record<string, string>) => valueOf(after, name, labels) - valueOf(before, name, labels);
    const completions = 'tollgate_completions_total';
    expect(delta(completions, { model: 'openai/gpt-4o-mini', provider: 'openai', status: 'ok', cached: 'false', byok: 'false' })).toBe(1);
    expect(delta(completions, { model: 'openai/gpt-4o-mini', provider: 'openai', status: 'cached', cached: 'true', byok: 'false' })).toBe(1);
    // A model id with a space is no catalog id: folded, never shown.
    expect(delta(completions, { model: 'other', provider: 'none', status: 'error' })).toBe(1);
    expect(delta('tollgate_completion_hold_to_settle_seconds_count', { provider: 'openai' })).toBe(1);
    expect(delta('tollgate_completion_hold_to_settle_seconds_bucket', { provider: 'openai', le: '1' })).toBe(0);
    expect(delta('tollgate_completion_hold_to_settle_seconds_bucket', { provider: 'openai', le: '2.5' })).toBe(1);
  });

  it("measures a Stripe event's lag from its `created` to its processing", async () => {
    const before = await samples();
    const created = Math.floor(Date.now() / 1000) - 120;
    const event = {
      id: `evt_${randomBytes(12).toString('hex')}`,
      object: 'event',
      api_version: '2026-11-18.endive',
      created,
      data: { object: { id: 'obj_1', object: 'unknown' } },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type: 'customer.created',
    };
    const payload = JSON.stringify(event);
    const deliver = (signature: string) =>
      fetch(`${t.url}/webhooks/stripe`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body: payload });
    expect((await deliver(Stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET }))).status).toBe(200);
    expect((await deliver('t=1,v1=garbage')).status).toBe(400);
    const after = await samples();
    const delta = (name: string, labels: Record<string, string>) => valueOf(after, name, labels) - valueOf(before, name, labels);
    expect(delta('tollgate_webhook_events_total', { outcome: 'applied' })).toBe(1);
    expect(delta('tollgate_webhook_events_total', { outcome: 'rejected' })).toBe(1);
    expect(delta('tollgate_webhook_lag_seconds_count', { outcome: 'applied' })).toBe(1);
    // Created two minutes ago: past the 60 s bucket, whatever the machine's speed.
    expect(delta('tollgate_webhook_lag_seconds_bucket', { outcome: 'applied', le: '60' })).toBe(0);
    expect(delta('tollgate_webhook_lag_seconds_sum', { outcome: 'applied' })).toBeGreaterThanOrEqual(120);
    expect(delta('tollgate_http_requests_total', { route: '/webhooks/stripe', status: '400' })).toBe(1);
  });
});

describe('access to /metrics', () => {
  it('with METRICS_TOKEN, answers only a scraper that sends it', async () => {
    const guarded = await startTestApp({ METRICS_TOKEN }, { databaseUrl: t.databaseUrl });
    try {
      const none = await scrape(guarded.url);
      expect(none.status).toBe(401);
      expect(JSON.parse(none.text).errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect((await scrape(guarded.url, { authorization: `Bearer ${METRICS_TOKEN}x` })).status).toBe(401);
      expect((await scrape(guarded.url, { authorization: METRICS_TOKEN })).status).toBe(401);
      const ok = await scrape(guarded.url, { authorization: `Bearer ${METRICS_TOKEN}` });
      expect(ok.status).toBe(200);
      expect(ok.text).toContain('tollgate_http_requests_total');
      expect(ok.text).not.toContain(METRICS_TOKEN);
    } finally {
      await guarded.stop();
    }
  });

  it('is off in production without a token', async () => {
    const production = await startTestApp({ NODE_ENV: 'production' }, { databaseUrl: t.databaseUrl });
    try {
      const res = await scrape(production.url);
      expect(res.status).toBe(404);
      expect(JSON.parse(res.text).errors[0].extensions.code).toBe('NOT_FOUND');
    } finally {
      await production.stop();
    }
  });

  it('refuses a METRICS_TOKEN too short to be one, without echoing it', async () => {
    await expect(startTestApp({ METRICS_TOKEN: 'short' }, { databaseUrl: t.databaseUrl })).rejects.toThrow(/METRICS_TOKEN: must be at least 16 characters$/m);
  });
});
