import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { GOOD_PASSWORD, uniqueEmail } from '../../modules/auth/__tests__/helpers.js';
import { createTestDatabase } from '../../test-support/database.js';
import { recordSecret } from '../../test-support/log-capture.js';
import { startServerProcess, waitFor, type ServerProcess } from '../../test-support/server-process.js';
import { fire, GC_NODE_ARGS, hostileRound, rssMb, type HostileTarget } from './hostile-load.js';

/**
 * Hostile traffic must not make the server's memory grow without bound: the built server runs as
 * production does, takes the same mix of new documents, bad bodies, sign-in guesses from new
 * addresses, bad keys and new idempotency keys round after round, and its resident set (measured
 * after a full collection) must level off. Generous margins: this catches caches that keep
 * growing, not a few megabytes of warm-up.
 */
const ROUNDS = Number(process.env.MEMORY_ROUNDS ?? 6);
const SIZE = Number(process.env.MEMORY_ROUND_SIZE ?? 1);

let server: ServerProcess;
let drop: () => Promise<void>;
let target: HostileTarget;

async function gql(query: string, variables: unknown, token?: string) {
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.255.0.1', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: any; errors?: unknown };
  if (!body.data) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

beforeAll(async () => {
  const db = await createTestDatabase();
  drop = db.drop;
  // The in-process backplane: its cache and rate limiters live in the server's own heap.
  server = await startServerProcess({ databaseUrl: db.url, redisUrl: null, nodeArgs: GC_NODE_ARGS });
  const { signUp } = await gql('mutation($i: SignUpInput!) { signUp(input: $i) { token } }', { i: { email: uniqueEmail('memory'), password: GOOD_PASSWORD } });
  const { createApiKey } = await gql(
    'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }',
    { i: { name: 'load', scopes: ['completions', 'read'] } },
    signUp.token,
  );
  recordSecret(signUp.token, createApiKey.secret);
  target = { url: server.url, apiKey: createApiKey.secret };
}, 120_000);
afterAll(async () => {
  await server?.kill();
  await drop?.();
});

/** RSS in MB after the child collected its garbage (it prints its memory use when it has). */
async function settledRss(): Promise<{ rss: number; heapMb: number }> {
  const before = server.stderr().split('\n').length;
  server.child.kill('SIGUSR2');
  await waitFor(() => server.stderr().split('\n').length > before, 'the server to report its memory after a collection', 30_000);
  const line = server
    .stderr()
    .split('\n')
    .filter((l) => l.startsWith('memory '))
    .at(-1)!;
  const usage = JSON.parse(line.slice('memory '.length)) as { heapUsed: number };
  return { rss: rssMb(server.child.pid!), heapMb: Math.round(usage.heapUsed / 2 ** 20) };
}

/**
 * Distinct valid documents of the rounds' ordinary kind (~800 characters each), together past the
 * document cache's budget (256 K characters of source, ~20 MB of heap: document-cache.ts): the
 * cache is full before round 1, so the baseline holds all it is allowed to keep, and what grows
 * after it is growth a bound would have stopped. An unbounded cache still grows ~10 MB a round.
 */
async function fillDocumentCache(): Promise<void> {
  const fields = 'nodes { id amount type createdAt } pageInfo { endCursor hasNextPage } totalCount';
  const document = () => {
    const tag = randomBytes(6).toString('hex');
    return `query W${tag} { ${Array.from({ length: 6 }, (_, i) => `t${i}${tag}: tiers { code name } c${i}: creditTransactions(first: ${i + 1}) { ${fields} }`).join(' ')} }`;
  };
  const shots = Array.from(
    { length: 500 },
    () => () =>
      fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${target.apiKey}` },
        body: JSON.stringify({ query: document() }),
      }).then((res) => res.arrayBuffer()),
  );
  await fire(shots);
}

it('levels off under rounds of hostile requests', async () => {
  await fillDocumentCache();
  const samples: Array<{ round: number; rss: number; heapMb: number }> = [{ round: 0, ...(await settledRss()) }];
  for (let round = 1; round <= ROUNDS; round += 1) {
    await fire(hostileRound(target, SIZE));
    samples.push({ round, ...(await settledRss()) });
    expect(server.alive()).toBe(true);
  }
  console.log(`memory by round (MB): ${samples.map((s) => `#${s.round} rss ${s.rss} heap ${s.heapMb}`).join(', ')}`);
  // Round 2 is the baseline: the document cache was filled before round 1 (fillDocumentCache), and
  // the first rounds fill the rest of what is bounded (the response cache, JIT code, pools).
  const early = samples[2]!;
  const late = samples.slice(-2);
  for (const s of late) {
    expect(s.rss, `rss after round ${s.round} vs ${early.rss} MB after round 2`).toBeLessThan(early.rss * 1.15 + 25);
    expect(s.heapMb, `heap after round ${s.round} vs ${early.heapMb} MB after round 2`).toBeLessThan(early.heapMb * 1.15 + 10);
  }
}, 600_000);
