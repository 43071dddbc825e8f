import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from '../../../test-support/app.js';
import { createKey, signUp } from './helpers.js';

const ME = '{ me { email } }';
const REVOKE = 'mutation Revoke($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }';

interface WsResult {
  data: Record<string, any> | null;
  errors?: Array<{ message: string; extensions?: Record<string, any> }>;
}

let t: TestApp;
let wsUrl: string;
const clients: Client[] = [];

beforeAll(async () => {
  t = await startTestApp();
  wsUrl = `${t.url.replace(/^http/, 'ws')}/graphql`;
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.dispose()));
});
afterAll(async () => {
  await t?.stop();
});

/** A client that connects at once and stays connected, counting how many connections it made. */
function connect(authorization?: string): { client: Client; connections: () => number } {
  let connected = 0;
  const client = createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    connectionParams: authorization ? { authorization } : undefined,
    on: { connected: () => void (connected += 1) },
    // A socket the server closes already fails the operation that was running; not printed again.
    onNonLazyError: () => undefined,
  });
  clients.push(client);
  return { client, connections: () => connected };
}

/**
 * Runs one operation to completion. Errors raised before execution arrive as an `error` message
 * (an array of GraphQL errors), errors raised while executing as a result with `errors`; both are
 * returned the same way.
 */
function run(client: Client, query: string, variables?: Record<string, unknown>): Promise<WsResult> {
  return new Promise((resolve, reject) => {
    let last: WsResult | undefined;
    client.subscribe(
      { query, variables },
      {
        next: (value) => void (last = { data: (value.data as Record<string, any>) ?? null, errors: value.errors as WsResult['errors'] }),
        error: (err) => {
          if (Array.isArray(err)) resolve({ data: null, errors: err });
          else reject(err instanceof Error ? err : new Error(`socket closed: ${JSON.stringify((err as { code?: number })?.code ?? err)}`));
        },
        complete: () => (last ? resolve(last) : reject(new Error('completed without a result'))),
      },
    );
  });
}

const code = (res: WsResult) => errorCode({ status: 200, data: res.data, errors: res.errors });

describe('graphql-ws authentication', () => {
  it('runs me for a session token sent in connectionParams', async () => {
    const user = await signUp(t);
    const { client } = connect(`Bearer ${user.token}`);
    const res = await run(client, ME);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ me: { email: user.email } });
  });

  it('runs me for an API key with the read scope', async () => {
    const user = await signUp(t);
    const key = await createKey(t, user.token, ['read']);
    const { client } = connect(`Bearer ${key.secret}`);
    const res = await run(client, ME);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ me: { email: user.email } });
  });

  it('refuses me without connectionParams, with UNAUTHENTICATED', async () => {
    const { client } = connect();
    const res = await run(client, ME);
    expect(code(res)).toBe('UNAUTHENTICATED');
    expect(res.data).toBeNull();
  });

  it('refuses me with a tampered token, with UNAUTHENTICATED', async () => {
    const user = await signUp(t);
    const [header, payload, signature] = user.token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: '00000000-0000-4000-8000-000000000000' })).toString('base64url')}.${signature}`;
    const { client } = connect(`Bearer ${tampered}`);
    const res = await run(client, ME);
    expect(code(res)).toBe('UNAUTHENTICATED');
    expect(res.data).toBeNull();
  });

  it('refuses a key with only the completions scope, with FORBIDDEN', async () => {
    const user = await signUp(t);
    const key = await createKey(t, user.token, ['completions']);
    const { client } = connect(`Bearer ${key.secret}`);
    expect(code(await run(client, ME))).toBe('FORBIDDEN');
  });

  it('refuses a key revoked mid-connection at the next operation on the same connection', async () => {
    const user = await signUp(t);
    const key = await createKey(t, user.token, ['read']);
    const { client, connections } = connect(`Bearer ${key.secret}`);

    const before = await run(client, ME);
    expect(before.data).toEqual({ me: { email: user.email } });

    const revoked = await t.gql(REVOKE, { id: key.id }, user.token);
    expect(revoked.data!.revokeApiKey.revokedAt).not.toBeNull();

    const after = await run(client, ME);
    expect(code(after)).toBe('UNAUTHENTICATED');
    expect(after.data).toBeNull();
    expect(connections()).toBe(1);
  });
});

describe('graphql-ws requests the server refuses', () => {
  const CONTRACT_CODES = [
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
    'INTERNAL_SERVER_ERROR',
  ];
  const MALFORMED: Array<[string, string]> = [
    ['a syntax error', '{ me { email }'],
    ['an unknown field', '{ me { nope } }'],
    ['two operations and no operationName', 'query A { me { email } } query B { me { email } }'],
  ];

  it('answers malformed documents with a contract-coded error and keeps the connection open', async () => {
    const user = await signUp(t);
    const { client, connections } = connect(`Bearer ${user.token}`);
    for (const [, query] of MALFORMED) {
      const res = await run(client, query);
      expect(res.data).toBeNull();
      expect(res.errors!.length).toBeGreaterThan(0);
      for (const error of res.errors!) expect(CONTRACT_CODES).toContain(error.extensions?.code);
      expect(JSON.stringify(res)).not.toMatch(/\bat [^"]*:\d+:\d+|node_modules/);
    }
    expect((await run(client, ME)).data).toEqual({ me: { email: user.email } });
    expect(connections()).toBe(1);
  });

  it.each(MALFORMED)('answers %s with BAD_USER_INPUT, as HTTP does', async (_case, query) => {
    const user = await signUp(t);
    const { client } = connect(`Bearer ${user.token}`);
    expect(code(await run(client, query))).toBe('BAD_USER_INPUT');
  });

  it('answers a variable of the wrong type with BAD_USER_INPUT and keeps the connection open', async () => {
    const user = await signUp(t);
    const { client, connections } = connect(`Bearer ${user.token}`);
    const res = await run(client, 'query Keys($all: Boolean!) { apiKeys(includeRevoked: $all) { id } }', { all: 'yes' });
    expect(code(res)).toBe('BAD_USER_INPUT');
    expect((await run(client, ME)).data).toEqual({ me: { email: user.email } });
    expect(connections()).toBe(1);
  });
});
