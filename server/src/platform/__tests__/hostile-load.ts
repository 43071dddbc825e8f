/**
 * One round of hostile traffic against a running server, for the memory plateau test: every
 * request is new (distinct documents, emails, addresses, keys), so whatever the server keeps per
 * request, per document or per key shows up as growth from one round to the next.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';

export interface HostileTarget {
  url: string;
  /** A valid API key of a user with credits, for the metered requests. */
  apiKey: string;
}

const PAD = 100_000; // characters of comment in each document: kept by the parser's tokens and source
const id = () => randomBytes(6).toString('hex');
const ip = (n: number) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
let addresses = 0;

type Shot = () => Promise<unknown>;

function post(url: string, body: string, headers: Record<string, string> = {}): Promise<unknown> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body })
    .then((res) => res.arrayBuffer())
    .catch(() => undefined); // a refused or reset connection is an answer too
}

function graphql(target: HostileTarget, query: string, variables: unknown = {}, headers: Record<string, string> = {}) {
  return post(`${target.url}/graphql`, JSON.stringify({ query, variables }), headers);
}

/** The requests of one round, in a fixed mix; `size` scales every kind. */
export function hostileRound(target: HostileTarget, size = 1): Shot[] {
  const shots: Shot[] = [];
  const times = (n: number, shot: (i: number) => Shot) => {
    for (let i = 0; i < n * size; i += 1) shots.push(shot(i));
  };
  const pad = () => `# ${id()} ${'x'.repeat(PAD)}\n`;
  // Distinct valid documents, each carrying a large comment: what a document cache would keep.
  times(60, () => () => graphql(target, `${pad()}query Q${id()} { a${id()}: __typename tiers { code } }`));
  // Distinct ordinary documents (a fuzzer's): each costs some 80 bytes of heap per character once parsed.
  const fields = 'nodes { id amount type createdAt } pageInfo { endCursor hasNextPage } totalCount';
  times(
    150,
    () => () =>
      graphql(
        target,
        `query F${id()} { ${Array.from({ length: 6 }, (_, i) => `t${i}${id()}: tiers { code name } c${i}: creditTransactions(first: ${i + 1}) { ${fields} }`).join(' ')} }`,
      ),
  );
  // Distinct documents that do not parse, or do not validate.
  times(40, () => () => graphql(target, `${pad()}query { me { id ${'{'.repeat(3)}`));
  times(40, () => () => graphql(target, `${pad()}query { nope${id()} { id } }`));
  // Bodies past the limit, and bodies that are not JSON.
  times(10, () => () => post(`${target.url}/graphql`, JSON.stringify({ query: `{ __typename }`, junk: 'y'.repeat(1_100_000) })));
  times(20, () => () => post(`${target.url}/graphql`, `{"query": "${id()}`));
  // Bad /v1 payloads, with and without a (bad or good) key, each with a new idempotency key.
  times(
    20,
    () => () =>
      post(`${target.url}/v1/chat/completions`, JSON.stringify({ model: id(), messages: 'nope', max_tokens: -1 }), {
        authorization: `Bearer ${target.apiKey}`,
        'idempotency-key': randomUUID(),
      }),
  );
  times(20, () => () => post(`${target.url}/v1/chat/completions`, `{"model": [${id()}`, { authorization: `Bearer ${target.apiKey}` }));
  times(
    20,
    () => () =>
      post(`${target.url}/v1/chat/completions`, JSON.stringify({ model: 'sandbox/echo', messages: [{ role: 'user', content: 'hi' }] }), {
        authorization: `Bearer tg_${randomBytes(4).toString('hex')}_${randomBytes(32).toString('base64url')}`,
      }),
  );
  // Metered calls with distinct prompts (each answer cached) and distinct idempotency keys.
  times(
    20,
    () => () =>
      post(
        `${target.url}/v1/chat/completions`,
        JSON.stringify({ model: 'sandbox/echo', max_tokens: 200, messages: [{ role: 'user', content: `${id()} ${'words '.repeat(150)}` }] }),
        { authorization: `Bearer ${target.apiKey}`, 'idempotency-key': randomUUID() },
      ),
  );
  // Sign-ins from ever-new addresses and emails; API keys and session tokens that do not exist.
  times(
    30,
    () => () =>
      graphql(
        target,
        `
          mutation ($i: SignInInput!) {
            signIn(input: $i) {
              token
            }
          }
        `,
        { i: { email: `nobody-${id()}@example.com`, password: `Wrong-${id()}` } },
        { 'x-forwarded-for': ip(++addresses) },
      ),
  );
  times(
    30,
    () => () =>
      graphql(
        target,
        '{ me { id } }',
        {},
        { authorization: `Bearer tg_${randomBytes(4).toString('hex')}_${randomBytes(32).toString('base64url')}`, 'x-forwarded-for': ip(++addresses) },
      ),
  );
  times(20, () => () => graphql(target, '{ me { id } }', {}, { authorization: `Bearer eyJ${randomBytes(30).toString('base64url')}.${id()}.${id()}` }));
  // Well-formed documents with bad variables.
  times(
    20,
    () => () =>
      graphql(
        target,
        'mutation($i: SignUpInput!) { signUp(input: $i) { token } }',
        { i: { email: 'z'.repeat(5000), password: 1, extra: id() } },
        { 'x-forwarded-for': ip(++addresses) },
      ),
  );
  // WebSockets that subscribe with distinct documents (or garbage, or a bad key) and go away.
  times(15, (i) => () => socket(target, i));
  return shots;
}

/** One graphql-ws connection: init (with a bad key every third time), a few messages, then gone. */
function socket(target: HostileTarget, i: number): Promise<unknown> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${target.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    const done = () => {
      clearTimeout(timer);
      ws.terminate();
      resolve(undefined);
    };
    const timer = setTimeout(done, 2_000);
    ws.on('error', done);
    ws.on('close', done);
    ws.on('open', () => {
      const authorization = i % 3 === 0 ? `Bearer tg_${randomBytes(4).toString('hex')}_${randomBytes(32).toString('base64url')}` : `Bearer ${target.apiKey}`;
      ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization } }));
      ws.send(JSON.stringify({ id: id(), type: 'subscribe', payload: { query: `subscription S${id()} { balanceChanged { available } }` } }));
      ws.send(JSON.stringify({ id: id(), type: 'subscribe', payload: { query: `subscription { nope${id()} ${'{'.repeat(4)}` } }));
      ws.send(`not json ${id()}`);
    });
    ws.on('message', () => setTimeout(done, 50));
  });
}

/** Fires the shots `concurrency` at a time. */
export async function fire(shots: Shot[], concurrency = 16): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < shots.length) await shots[next++]!();
    }),
  );
}

/** Resident set size of a process, in MB, from /proc (Linux). */
export function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  return Math.round(kb / 1024);
}

/**
 * Preloaded into the child (with --expose-gc): on SIGUSR2 it collects garbage and prints its
 * memory use on stderr, so each round is measured after a full collection, not mid-cycle.
 */
export const GC_ON_SIGNAL = `process.on('SIGUSR2', () => { globalThis.gc(); globalThis.gc(); process.stderr.write('memory ' + JSON.stringify(process.memoryUsage()) + '\\n'); });`;
export const GC_NODE_ARGS = ['--expose-gc', '--import', `data:text/javascript,${encodeURIComponent(GC_ON_SIGNAL)}`];
