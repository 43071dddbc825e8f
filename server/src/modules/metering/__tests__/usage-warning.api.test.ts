import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test-support/app.js';
import { createKey } from '../../auth/__tests__/helpers.js';
import { usageWarningTopic } from '../metering.events.js';
import type { UsageEvent } from '../usage.store.js';
import { adminSession, event, newUser, setTier, type User } from './metering-helpers.js';

const USAGE_WARNING = 'subscription { usageWarning { kind month used limit percent } }';
/** A tier's allowances, small enough to reach: 10 requests, 1,000 tokens a month. */
const TIER = { monthlyRequestCap: 10, monthlyTokenAllowance: 1_000n };
const NOW = new Date('2026-11-21T12:00:00Z');

const redisUrl = inject('redisUrl');
let t: TestApp;
const clients: Client[] = [];

beforeAll(async () => {
  t = await startTestApp();
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.dispose()));
});
afterAll(async () => {
  await t?.stop();
});

const completions = (app: TestApp, user: User, n: number, e: Partial<UsageEvent> = {}) =>
  Promise.all(Array.from({ length: n }, () => app.app.services.usage.record(event(user.id, { inputTokens: 60, outputTokens: 40, at: NOW, ...e }))));
const kinds = (warnings: Array<{ kind: string }>) => warnings.map((w) => w.kind).sort();

describe('the 80% allowance warning', () => {
  it("fires when the month's requests or tokens reach 80% of the tier's allowance, once per month and kind", async () => {
    const user = await newUser(t);
    const alerts = t.app.services.usageAlerts;
    await completions(t, user, 7); // 7 requests, 700 tokens: 70%
    expect(await alerts.afterUsage(user.id, TIER, NOW)).toEqual([]);
    await completions(t, user, 1); // 8 requests, 800 tokens
    const fired = await alerts.afterUsage(user.id, TIER, NOW);
    expect(fired).toEqual([
      { userId: user.id, kind: 'tokens', month: '2026-11', used: 800n, limit: 1_000n, percent: 80 },
      { userId: user.id, kind: 'requests', month: '2026-11', used: 8n, limit: 10n, percent: 80 },
    ]);
    await completions(t, user, 1);
    expect(await alerts.afterUsage(user.id, TIER, NOW)).toEqual([]);
    // A new month starts over.
    const december = new Date('2026-12-03T08:00:00Z');
    await completions(t, user, 9, { at: december });
    expect(kinds(await alerts.afterUsage(user.id, TIER, december))).toEqual(['requests', 'tokens']);
  });

  it('counts each kind on its own, and only completions that were answered', async () => {
    const user = await newUser(t);
    const alerts = t.app.services.usageAlerts;
    await completions(t, user, 1, { inputTokens: 850, outputTokens: 0 });
    await completions(t, user, 9, { status: 'error', inputTokens: 0, outputTokens: 0 });
    await t.app.services.usage.record(event(user.id, { service: 'tts', modelId: null, units: 10_000n, inputTokens: 5_000, at: NOW }));
    expect(kinds(await alerts.afterUsage(user.id, TIER, NOW))).toEqual(['tokens']);
    await completions(t, user, 7, { inputTokens: 0, outputTokens: 0 });
    expect(await alerts.afterUsage(user.id, TIER, NOW)).toEqual([expect.objectContaining({ kind: 'requests', used: 8n })]);
  });

  it('never throws: a check that fails is logged, and the completion it follows is unaffected', async () => {
    expect(await t.app.services.usageAlerts.afterUsage('not-a-user', TIER, NOW)).toEqual([]);
  });

  it('fires once across replicas racing on the same crossing', async () => {
    const other = await startTestApp({}, { databaseUrl: t.databaseUrl });
    try {
      const user = await newUser(t);
      await completions(t, user, 9);
      const results = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? t : other).app.services.usageAlerts.afterUsage(user.id, TIER, NOW)));
      expect(kinds(results.flat())).toEqual(['requests', 'tokens']);
    } finally {
      await other.stop();
    }
  });
});

describe('subscription usageWarning', () => {
  it('delivers the warning to its account only', async () => {
    const [user, bystander] = [await newUser(t), await newUser(t)];
    const mine = await watch(t, user);
    const theirs = await watch(t, bystander);
    await completions(t, user, 8);
    await t.app.services.usageAlerts.afterUsage(user.id, TIER, NOW);
    await mine.until((w) => w.length === 2);
    expect(mine.events.sort((x, y) => x.kind.localeCompare(y.kind))).toEqual([
      { kind: 'requests', month: '2026-11', used: 8, limit: 10, percent: 80 },
      { kind: 'tokens', month: '2026-11', used: 800, limit: 1_000, percent: 80 },
    ]);
    expect(theirs.events).toEqual([]);
  });

  it("arrives when a completion through the API reaches 80% of the tier's request cap, and only once", async () => {
    const admin = await adminSession(t);
    const user = await newUser(t);
    await setTier(t, admin.token, user.id, 'pro');
    const cap = (n: number) => t.gql(`mutation($n: Int!) { adminUpdateTier(code: "pro", input: { monthlyRequestCap: $n }) { code } }`, { n }, admin.token);
    await cap(5);
    try {
      const w = await watch(t, user);
      const complete = (i: number) =>
        t.gql(`mutation($i: CompletionInput!) { complete(input: $i) { id } }`, { i: { model: 'sandbox/echo', prompt: `hi ${i}`, maxTokens: 5 } }, user.token);
      for (let i = 0; i < 3; i += 1) expect((await complete(i)).errors).toBeUndefined();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(w.events).toEqual([]); // 3 of 5: 60%
      expect((await complete(3)).errors).toBeUndefined();
      await w.until((events) => events.length === 1);
      expect(w.events[0]).toMatchObject({ kind: 'requests', used: 4, limit: 5, percent: 80 });
      expect((await complete(4)).errors).toBeUndefined();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(w.events).toHaveLength(1);
    } finally {
      await cap(50_000);
    }
  });

  it('needs the read scope on an API key', async () => {
    const user = await newUser(t);
    const key = await createKey(t, user.token, ['completions']);
    const errors = await new Promise<unknown>((resolve) => {
      connect(t, key.secret).subscribe({ query: USAGE_WARNING }, { next: (v) => resolve(v.errors), error: resolve, complete: () => resolve('completed') });
    });
    expect(JSON.stringify(errors)).toContain('FORBIDDEN');
  });

  it.skipIf(!redisUrl)('reaches a subscriber on another replica through Redis', async () => {
    const one = await startTestApp({ REDIS_URL: redisUrl! });
    const two = await startTestApp({ REDIS_URL: redisUrl! }, { databaseUrl: one.databaseUrl });
    try {
      const user = await newUser(one);
      const w = await watch(one, user);
      await completions(two, user, 8);
      await two.app.services.usageAlerts.afterUsage(user.id, TIER, NOW);
      await w.until((events) => events.length === 2);
      expect(w.events.map((e) => e.kind).sort()).toEqual(['requests', 'tokens']);
    } finally {
      await two.stop();
      await one.stop();
    }
  });
});

function connect(app: TestApp, token: string): Client {
  const client = createClient({
    url: `${app.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: { authorization: `Bearer ${token}` },
  });
  clients.push(client);
  return client;
}

interface Warning {
  kind: string;
  month: string;
  used: number;
  limit: number;
  percent: number;
}

/**
 * Subscribes and waits until the subscription is listening: the server does not say when, so probe
 * events are published on the account's topic until one arrives. Probes are left out of `events`.
 */
async function watch(app: TestApp, user: User): Promise<{ events: Warning[]; until(check: (events: Warning[]) => boolean): Promise<void> }> {
  const events: Warning[] = [];
  let probes = 0;
  let failure: unknown;
  connect(app, user.token).subscribe(
    { query: USAGE_WARNING },
    {
      next: (value) => {
        if (value.errors) failure = value.errors;
        const w = (value.data as { usageWarning?: Warning } | null)?.usageWarning;
        if (w?.kind === 'probe') probes += 1;
        else if (w) events.push(w);
      },
      error: (err) => void (failure = err),
      complete: () => undefined,
    },
  );
  const until = async (check: (events: Warning[]) => boolean, what = 'the warning events') => {
    const deadline = Date.now() + 5_000;
    while (!check(events)) {
      if (failure) throw new Error(`subscription failed: ${JSON.stringify(failure)}`);
      if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}; got ${JSON.stringify(events)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  for (let attempt = 0; attempt < 50 && probes === 0; attempt += 1) {
    const probe = { kind: 'probe', month: 'probe', used: '0', limit: '1', percent: 0 };
    app.app.backplane.eventTarget.dispatchEvent(new CustomEvent(usageWarningTopic(user.id), { detail: probe }) as never);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (probes === 0) throw new Error(`the subscription never started listening: ${JSON.stringify(failure)}`);
  return { events, until };
}
