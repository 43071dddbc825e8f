import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase } from '../../../test-support/database.js';
import { startServerProcess, waitFor, within, type ServerProcess } from '../../../test-support/server-process.js';
import { FakeOpenAi } from './fakes/fake-openai.js';
import {
  apiKey,
  auditViolations,
  gql,
  holdStatuses,
  rows,
  setTier,
  signInAdmin,
  signUpUser,
  sseStream,
  words,
  wsClient,
  wsStream,
  type ProcUser,
  type RunningStream,
} from './process-support.js';

/**
 * SIGTERM with money in flight: completions waiting on a provider, streams over graphql-ws and SSE,
 * and some of each whose client has already hung up (their runs still have to settle). Shutdown
 * must wait for every one of them to settle or release its hold before it closes the pools.
 */

const COMPLETE = 'mutation($i: CompletionInput!) { complete(input: $i) { charged } }';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let fake: FakeOpenAi;
let server: ServerProcess;

beforeAll(async () => {
  db = await createTestDatabase();
  fake = await FakeOpenAi.start();
  server = await startServerProcess({
    databaseUrl: db.url,
    redisUrl: inject('redisUrl'),
    env: {
      OPENAI_API_KEY: 'sk-fake',
      OPENAI_BASE_URL: fake.baseURL,
      MODEL_FALLBACKS: '{}',
      PROVIDER_MAX_RETRIES: '0',
      // Streams of 100 words at 200 ms outlast the drain; the provider answers whole calls after 4 s.
      SANDBOX_STREAM_DELAY_MS: '200',
      SHUTDOWN_GRACE_MS: '10000',
    },
  });
});
afterAll(async () => {
  await server?.kill();
  await fake?.close();
  await db?.drop();
});

describe('SIGTERM with completions in flight', () => {
  it('settles or releases every hold before the pools close, and exits 0 with a clean ledger', { timeout: 120_000 }, async () => {
    const admin = await signInAdmin(server);
    const users: ProcUser[] = [];
    const user = async (tag: string, tier?: string) => {
      const u = await signUpUser(server, tag);
      if (tier) await setTier(server, admin, u.id, tier);
      users.push(u);
      return u;
    };
    const stream = { model: 'sandbox/echo', prompt: words(100), maxTokens: 200, useCache: false };
    const sse = { model: 'sandbox/echo', messages: [{ role: 'user', content: words(100) }], max_tokens: 200 };

    const wsStaying = wsClient(server, (await user('ws-stay')).token);
    const wsLeaving = wsClient(server, (await user('ws-gone')).token);
    const sseStayKey = await apiKey(server, await user('sse-stay'));
    const sseGoneKey = await apiKey(server, await user('sse-gone'));
    const slow = await user('slow', 'starter');
    const slowGone = await user('slow-gone', 'starter');

    const streams: Record<string, RunningStream[]> = {
      wsStaying: [1, 2, 3].map(() => wsStream(wsStaying, stream)),
      wsLeaving: [1, 2, 3].map(() => wsStream(wsLeaving, stream)),
      sseStaying: [1, 2].map(() => sseStream(server, sseStayKey, sse)),
      sseLeaving: [1, 2].map(() => sseStream(server, sseGoneKey, sse)),
    };
    fake.set({ delayMs: 4_000 });
    const whole = { model: 'openai/gpt-4o-mini', prompt: 'take your time', maxTokens: 50, useCache: false };
    const waiting = [1, 2].map(() => gql(server, COMPLETE, { i: whole }, slow.token));
    const goneControllers = [1, 2].map(() => new AbortController());
    const gone = goneControllers.map((c) => gql(server, COMPLETE, { i: whole }, slowGone.token, { signal: c.signal }).catch(() => 'hung up'));

    await within(
      Promise.all(
        Object.values(streams)
          .flat()
          .map((s) => s.started),
      ),
      'every stream to start',
      30_000,
    );
    await waitFor(() => fake.requests.length === 4, 'the four whole calls to reach the provider', 10_000);
    for (const s of [...streams.wsLeaving!, ...streams.sseLeaving!]) s.hangUp();
    for (const c of goneControllers) c.abort();
    expect(await Promise.all(gone)).toEqual(['hung up', 'hung up']);

    server.child.kill('SIGTERM');
    const exit = await within(server.exited, 'the process to exit', 60_000);
    const problems = server.logs.filter((l) => /Cannot use a pool/.test(JSON.stringify(l)));
    expect(problems, 'queries after the pool closed').toEqual([]);
    expect(server.stderr()).not.toMatch(/Cannot use a pool/);
    expect(exit, `stderr: ${server.stderr()}`).toEqual({ code: 0, signal: null });
    expect(server.logs.map((l) => l.msg)).toContain('shut down cleanly');

    // The calls whose clients stayed were answered and charged.
    for (const body of await Promise.all(waiting)) expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();

    // Every one of the 14 holds was settled or released: none left to a lease or a TTL.
    const statuses = await holdStatuses(
      db.url,
      users.map((u) => u.id),
    );
    expect(statuses.active ?? 0).toBe(0);
    expect(Object.values(statuses).reduce((a, b) => a + b, 0)).toBe(14);
    expect(await rows(db.url, 'select count(*)::int as n from credit_account where held <> 0')).toEqual([{ n: 0 }]);
    // Each settled hold with a charge has its usage entry and usage event; the two that stayed on the provider are among them.
    const settled = await rows(
      db.url,
      `select h.id, e.amount, u.status from credit_hold h join ledger_entry e on e.id = h.entry_id
      join usage_event u on u.hold_id = h.id where h.status = 'settled'`,
    );
    expect(settled.length).toBeGreaterThanOrEqual(2);
    for (const r of settled) expect(r.status).toBe('ok');
    expect(await auditViolations(db.url)).toEqual([]);
    await Promise.all([wsStaying, wsLeaving].map((c) => c.dispose()));
  });
});
