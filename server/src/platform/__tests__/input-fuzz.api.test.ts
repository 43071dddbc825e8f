import fc from 'fast-check';
import { createClient, type Client } from 'graphql-ws';
import { buildClientSchema, getIntrospectionQuery, type IntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { TestApp } from '../../test-support/app.js';
import { keyFor, ledgerAudit, newUser, signInAdmin, snapshot, startGatewayApp, type User } from '../../modules/gateway/__tests__/support.js';
import { idEchoRequest, malformedBody, malformedDocument, operationsOf, SECRET, v1Body, variablesFor, type Operation } from './fuzz-arbitraries.js';

/**
 * Property-based fuzz of every edge a client reaches: each GraphQL operation's variables (the
 * operations come from the served schema by introspection), malformed documents and bodies, the
 * same over graphql-ws, and /v1 bodies. Whatever is sent: no 5xx and no INTERNAL_SERVER_ERROR,
 * only contract codes, the planted secret never comes back, and no credit moves.
 * Rerun a failure with the seed it prints: FUZZ_SEED=<seed>.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_204);
const RUNS = { variables: 1_400, websocket: 250, documents: 500, bodies: 400, v1: 500, ids: 150 };

const CONTRACT_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'INSUFFICIENT_CREDITS',
  'RATE_LIMITED',
  'MODEL_NOT_ALLOWED',
  'TIER_LIMIT_EXCEEDED',
  'PROVIDER_UNAVAILABLE',
  'IDEMPOTENCY_CONFLICT',
  'PAYMENTS_UNAVAILABLE',
]);

let t: TestApp;
let admin: string;
let user: User;
let apiKey: string;
let ops: Operation[];
let client: Client;
const requests = { count: 0 };

beforeAll(async () => {
  t = await startGatewayApp('fuzz');
  admin = await signInAdmin(t);
  user = await newUser(t, admin, 'fuzz');
  apiKey = (await keyFor(t, user, ['completions', 'read'])).secret;
  const introspection = await t.gql<IntrospectionQuery>(getIntrospectionQuery());
  ops = operationsOf(buildClientSchema(introspection.data!));
  client = createClient({
    url: `${t.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: { authorization: `Bearer ${user.token}` },
  });
});
afterAll(async () => {
  await client?.dispose();
  await t?.stop();
});

async function send(path: string, init: RequestInit): Promise<{ status: number; text: string }> {
  requests.count += 1;
  const res = await fetch(`${t.url}${path}`, init);
  return { status: res.status, text: await res.text() };
}

function authorization(sender: string): Record<string, string> {
  const token = { user: user.token, key: apiKey, admin, anonymous: undefined }[sender];
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** What holds for every answer, whatever was sent. */
function expectSane(res: { status: number; text: string }) {
  expect(res.status, res.text.slice(0, 500)).toBeLessThan(500);
  expect(res.text.includes(SECRET), `the secret came back: ${res.text.slice(0, 500)}`).toBe(false);
}

function expectContractErrors(errors: unknown) {
  for (const error of (errors as Array<{ extensions?: { code?: string } }> | undefined) ?? []) {
    expect(CONTRACT_CODES, JSON.stringify(error).slice(0, 500)).toContain(error.extensions?.code);
  }
}

function expectSaneGraphQL(res: { status: number; text: string }) {
  expectSane(res);
  const body = JSON.parse(res.text) as { errors?: unknown };
  expectContractErrors(body.errors);
}

/** Runs a property with the fixed seed; a failure names the seed to rerun it with. */
async function check(property: fc.IAsyncProperty<any>, numRuns: number) {
  try {
    await fc.assert(property, { seed: SEED, numRuns, endOnFailure: numRuns > 1_000 });
  } catch (err) {
    throw new Error(`fuzz failed; rerun with FUZZ_SEED=${SEED}\n${(err as Error).message}`);
  }
}

const operationAndVariables = () => fc.constantFrom(...ops).chain((op) => variablesFor(op).map((variables) => ({ op, variables })));

/** The errors of one graphql-ws operation; a subscription still open after a while is unsubscribed. */
function overWebSocket(query: string, variables: Record<string, unknown>): Promise<unknown[]> {
  requests.count += 1;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      resolve([]);
    }, 500);
    const done = (errors: unknown[]) => {
      clearTimeout(timer);
      stop();
      resolve(errors);
    };
    const stop = client.subscribe(
      { query, variables },
      {
        next: (value) => done((value.errors as unknown[]) ?? []),
        error: (err) =>
          Array.isArray(err) ? done(err) : reject(new Error(`socket closed: ${JSON.stringify((err as { code?: number })?.code ?? String(err))}`)),
        complete: () => done([]),
      },
    );
  });
}

describe('input fuzz', () => {
  let before: { user: unknown; admin: unknown };
  beforeAll(async () => {
    before = { user: await snapshot(t, user.token), admin: await snapshot(t, admin) };
  });

  it('covers every operation of the schema', () => {
    expect(ops.map((o) => o.field)).toEqual(
      expect.arrayContaining(['signUp', 'signIn', 'setProviderKey', 'createApiKey', 'complete', 'trackUsage', 'completionStream', 'adminAccounts']),
    );
  });

  it('answers any variables for any operation over HTTP with a contract error or data, never a 5xx or the secret', async () => {
    const sender = fc.constantFrom('user', 'key', 'anonymous', 'admin');
    await check(
      fc.asyncProperty(
        operationAndVariables().filter(({ op }) => op.kind !== 'subscription'),
        sender,
        async ({ op, variables }, who) => {
          const res = await send('/graphql', {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...authorization(who) },
            body: JSON.stringify({ query: op.document, variables }),
          });
          expectSaneGraphQL(res);
        },
      ),
      RUNS.variables,
    );
  });

  it('answers any variables for any operation over graphql-ws without closing the socket or echoing the secret', async () => {
    await check(
      fc.asyncProperty(operationAndVariables(), async ({ op, variables }) => {
        const errors = await overWebSocket(op.document, variables);
        expect(JSON.stringify(errors).includes(SECRET)).toBe(false);
        expectContractErrors(errors);
      }),
      RUNS.websocket,
    );
  });

  it('answers malformed documents over HTTP and graphql-ws with a 4xx contract error', async () => {
    await check(
      fc.asyncProperty(malformedDocument(ops), fc.boolean(), async (query, ws) => {
        if (ws) {
          const errors = await overWebSocket(query, {});
          expect(JSON.stringify(errors).includes(SECRET)).toBe(false);
          return expectContractErrors(errors);
        }
        expectSaneGraphQL(
          await send('/graphql', {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...authorization('user') },
            body: JSON.stringify({ query }),
          }),
        );
      }),
      RUNS.documents,
    );
  });

  it('answers malformed request bodies with a 4xx contract error', async () => {
    await check(
      fc.asyncProperty(malformedBody, async ({ body, contentType }) => {
        const res = await send('/graphql', {
          method: 'POST',
          headers: { 'content-type': contentType, 'apollo-require-preflight': 'true', ...authorization('user') },
          body,
        });
        expectSane(res);
        expect(res.status).toBeGreaterThanOrEqual(200);
      }),
      RUNS.bodies,
    );
  });

  it('answers any /v1 request with an OpenAI-shaped error or an answer, never a 5xx or the secret', async () => {
    const request = fc.oneof(
      {
        weight: 8,
        arbitrary: fc.tuple(
          v1Body,
          fc.constantFrom('key', 'user', 'anonymous'),
          fc.option(fc.string({ maxLength: 30 }).filter((s) => /^[\x20-\x7e]*$/.test(s))),
        ),
      },
      { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 30 }), fc.constant('key'), fc.constant(null)) },
    );
    await check(
      fc.asyncProperty(request, fc.nat({ max: 9 }), async ([body, who, idempotencyKey], pick) => {
        const headers: Record<string, string> = {
          'content-type': 'application/json',
          ...authorization(who),
          ...(idempotencyKey ? { 'idempotency-key': String(idempotencyKey) } : {}),
        };
        let res;
        if (pick === 0) {
          let id: string;
          try {
            id = encodeURIComponent(body.slice(0, 40));
          } catch {
            id = 'x';
          }
          res = await send(`/v1/models/${id}`, { headers });
        } else {
          res = await send('/v1/chat/completions', { method: 'POST', headers, body });
        }
        expectSane(res);
        if (res.status >= 400) expect(JSON.parse(res.text)).toHaveProperty('error.type');
      }),
      RUNS.v1,
    );
  });

  it('names an identifier it could not find (model, tier, service) only when it is id-shaped: the secret as one never comes back', async () => {
    await check(
      fc.asyncProperty(idEchoRequest(user.id), async ({ who, path, method, body }) => {
        const res = await send(path, {
          method,
          headers: { 'content-type': 'application/json', ...authorization(who) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        if (path === '/graphql') expectSaneGraphQL(res);
        else expectSane(res);
      }),
      RUNS.ids,
    );
  });

  it("moved no credit: the garbage senders' balances and ledgers are as they were, and the audit is clean", async () => {
    expect(await snapshot(t, user.token)).toEqual(before.user);
    expect(await snapshot(t, admin)).toEqual(before.admin);
    expect((await ledgerAudit(t, admin)).violations).toEqual([]);
    console.info(`input fuzz: ${requests.count} requests, seed ${SEED}`);
  });
});
