import { randomUUID } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { TestApp } from '../../test-support/app.js';
import { withClient } from '../../test-support/database.js';
import { GOOD_PASSWORD, uniqueEmail } from '../../modules/auth/__tests__/helpers.js';
import { COMPLETE, keyFor, ledgerAudit, newUser, signInAdmin, snapshot, startGatewayApp, type User } from '../../modules/gateway/__tests__/support.js';

/** A recognisable secret: no answer may ever contain it. Name-shaped, so it can also be an enum literal. */
const SECRET = `sk_canary_${randomUUID().replaceAll('-', '')}`;

let t: TestApp;
let admin: string;
let user: User;
const clients: Client[] = [];
beforeAll(async () => {
  t = await startGatewayApp('hygiene');
  admin = await signInAdmin(t);
  user = await newUser(t, admin, 'hygiene');
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await t?.stop();
});

interface Raw {
  status: number;
  text: string;
  body: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } | null;
}

async function post(body: unknown, token?: string): Promise<Raw> {
  const res = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: Raw['body'] = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* asserted by the callers */
  }
  return { status: res.status, text, body: parsed };
}

function ws(token: string): Client {
  const client = createClient({
    url: `${t.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: { authorization: `Bearer ${token}` },
  });
  clients.push(client);
  return client;
}

/** The errors of one graphql-ws operation refused before it ran (or of its first result). */
function wsErrors(
  client: Client,
  query: string,
  variables?: Record<string, unknown>,
): Promise<Array<{ message: string; extensions?: Record<string, unknown> }>> {
  return new Promise((resolve, reject) => {
    const stop = client.subscribe(
      { query, variables },
      {
        next: (value) => {
          stop();
          resolve((value.errors as any) ?? []);
        },
        error: (err) =>
          Array.isArray(err) ? resolve(err) : reject(new Error(`socket closed: ${JSON.stringify((err as { code?: number })?.code ?? String(err))}`)),
        complete: () => resolve([]),
      },
    );
  });
}

function expectRefused(res: Raw, code = 'BAD_USER_INPUT') {
  expect(res.status, res.text).toBeGreaterThanOrEqual(400);
  expect(res.status, res.text).toBeLessThan(500);
  expect(res.body?.errors?.[0]?.extensions?.code, res.text).toBe(code);
}

const countRows = (table: string) => withClient(t.databaseUrl, async (c) => Number((await c.query(`select count(*) from ${table}`)).rows[0].count));

describe("malformed GraphQL is the client's mistake: a 4xx with BAD_USER_INPUT, never a 500", () => {
  const DOCUMENTS: Array<[string, string]> = [
    ['an unknown fragment', '{ me { ...Missing } }'],
    ['fragments that spread each other', '{ me { ...A } } fragment A on User { ...B } fragment B on User { ...A }'],
    ['a fragment that spreads itself', '{ me { ...A } } fragment A on User { id ...A }'],
    ['a subscription sent over HTTP', 'subscription { balanceChanged { balance } }'],
  ];

  it.each(DOCUMENTS)('answers %s over HTTP with 400 BAD_USER_INPUT', async (_name, query) => {
    expectRefused(await post({ query }, user.token));
  });

  it.each(DOCUMENTS.slice(0, 3))('answers %s over graphql-ws with BAD_USER_INPUT, keeping the socket', async (_name, query) => {
    const client = ws(user.token);
    const errors = await wsErrors(client, query);
    expect(errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await wsErrors(client, '{ me { id } }')).toEqual([]);
  });

  it('answers an automatic persisted query whose hash does not match its query with 400 BAD_USER_INPUT', async () => {
    expectRefused(await post({ query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } }));
  });

  it('refuses a fragment "bomb" (each fragment spreads the next twice) with 400 BAD_USER_INPUT', async () => {
    const defs = Array.from({ length: 40 }, (_, i) => `fragment F${i} on User { id ${i < 39 ? `...F${i + 1} ...F${i + 1}` : ''} }`);
    const res = await post({ query: `{ me { ...F0 } } ${defs.join(' ')}` }, user.token);
    expectRefused(res);
    expect(res.body!.errors![0]!.message).toMatch(/expanded/);
  });

  it('answers an unsupported persisted-query version with 400 BAD_USER_INPUT', async () => {
    expectRefused(await post({ query: '{ __typename }', extensions: { persistedQuery: { version: 2, sha256Hash: 'abc' } } }));
  });
});

describe('an error never hands back what was sent', () => {
  const SIGN_IN = 'mutation($i: SignInInput!) { signIn(input: $i) { token } }';
  const SIGN_UP = 'mutation($i: SignUpInput!) { signUp(input: $i) { token } }';
  const SET_KEY = 'mutation($i: SetProviderKeyInput!) { setProviderKey(input: $i) { provider } }';
  const CREATE_KEY = 'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }';
  const VARIABLES: Array<[string, string, Record<string, unknown>, RegExp]> = [
    ['signIn with an unknown field', SIGN_IN, { i: { email: 'a@example.com', password: SECRET, extra: 1 } }, /\$i.*"extra".*SignInInput/],
    ['signIn with a list for an email', SIGN_IN, { i: { email: [SECRET], password: 'x' } }, /\$i.*"i\.email"/],
    ['signIn with an object for a password', SIGN_IN, { i: { email: 'a@example.com', password: { value: SECRET } } }, /"i\.password".*String/],
    ['signUp with a list for a password', SIGN_UP, { i: { email: uniqueEmail(), password: [SECRET, SECRET] } }, /"i\.password"/],
    ['setProviderKey with an unknown field', SET_KEY, { i: { provider: 'openai', apiKey: SECRET, note: 'x' } }, /"note".*SetProviderKeyInput/],
    ['setProviderKey with an object for the key', SET_KEY, { i: { provider: 'openai', apiKey: { key: SECRET } } }, /"i\.apiKey"/],
    ['createApiKey with an object for scopes', CREATE_KEY, { i: { name: 'ci', scopes: { all: SECRET } } }, /"i\.scopes"/],
    ['an enum value', 'query($t: [TransactionType!]) { creditTransactions(types: $t) { totalCount } }', { t: [SECRET] }, /"t\[0\]".*TransactionType/],
    [
      'a Credits amount',
      'mutation($i: AdminCreditInput!) { adminGrantCredits(input: $i) { id } }',
      { i: { userId: '1', amount: SECRET, reason: 'r', idempotencyKey: 'k' } },
      /"i\.amount".*Credits/,
    ],
    ['a DateTime', 'query($f: DateTime) { usageSummary(from: $f) { requests } }', { f: SECRET }, /\$f.*DateTime/],
  ];

  it.each(VARIABLES)('over HTTP: %s names the variable and path, not the value', async (_name, query, variables, useful) => {
    const res = await post({ query, variables }, user.token);
    expectRefused(res);
    expect(res.text).not.toContain(SECRET);
    expect(res.body!.errors![0]!.message).toMatch(useful);
  });

  it.each(VARIABLES)('over graphql-ws: %s', async (_name, query, variables, useful) => {
    const errors = await wsErrors(ws(user.token), query, variables);
    expect(errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(errors)).not.toContain(SECRET);
    expect(errors[0]!.message).toMatch(useful);
  });

  const LITERALS: Array<[string, string]> = [
    ['a list literal for a password', `mutation { signIn(input: { email: "a@example.com", password: ["${SECRET}"] }) { token } }`],
    ['an object literal for a password', `mutation { signIn(input: { email: "a@example.com", password: { v: "${SECRET}" } }) { token } }`],
    ['a name literal for a password', `mutation { signIn(input: { email: "a@example.com", password: ${SECRET} }) { token } }`],
    ['a list literal for a provider key', `mutation { setProviderKey(input: { provider: "openai", apiKey: ["${SECRET}"] }) { provider } }`],
    ['an unknown enum value', `{ creditTransactions(types: [${SECRET}]) { totalCount } }`],
    ['a bad Credits literal', `mutation { adminGrantCredits(input: { userId: "1", amount: "${SECRET}", reason: "r", idempotencyKey: "k" }) { id } }`],
    ['a syntax error after a string', `mutation { signIn(input: { email: "a@example.com" "${SECRET}" }) { token } }`],
  ];

  it.each(LITERALS)('over HTTP: %s', async (_name, query) => {
    const res = await post({ query }, user.token);
    expectRefused(res);
    expect(res.text).not.toContain(SECRET);
  });

  it.each(LITERALS)('over graphql-ws: %s', async (_name, query) => {
    const errors = await wsErrors(ws(user.token), query);
    expect(errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(errors)).not.toContain(SECRET);
  });

  it('does not quote an unknown operationName', async () => {
    const res = await post({ query: 'query A { __typename }', operationName: SECRET });
    expectRefused(res);
    expect(res.text).not.toContain(SECRET);
  });

  // Identifiers (a model id, a tier code, an idempotency key) are quoted back only when id-shaped:
  // `^[\w./:-]{1,100}$`. SECRET alone is id-shaped, so the bait carries a space or runs past 100.
  const BAIT = [`${SECRET} pasted by mistake`, `${'x'.repeat(70)}${SECRET}`, `"${SECRET}"`];
  const errorOf = (res: Raw) => res.body?.errors?.[0];

  it.each(BAIT)('names an unknown model only when it is id-shaped (%#)', async (bait) => {
    const complete = (model: string) => post({ query: COMPLETE, variables: { i: { model, prompt: 'hi', maxTokens: 5 } } }, user.token);
    const refused = await complete(bait);
    expect(errorOf(refused)?.extensions?.code, refused.text).toBe('NOT_FOUND');
    expect(refused.text).not.toContain(SECRET);
    expect(errorOf(refused)?.message).toBe('Model not found');
    expect(errorOf(await complete('nope/model-1.0'))?.message).toBe('Model "nope/model-1.0" not found');
    const key = (await keyFor(t, user, ['completions', 'read'])).secret;
    const v1 = await fetch(`${t.url}/v1/models/${encodeURIComponent(bait)}`, { headers: { authorization: `Bearer ${key}` } });
    const v1Text = await v1.text();
    expect(v1.status, v1Text).toBe(404);
    expect(v1Text).not.toContain(SECRET);
  });

  it.each(BAIT)('names an unknown tier only when it is id-shaped (%#)', async (bait) => {
    const setTier = (tier: string) =>
      post({ query: 'mutation($u: ID!, $t: String!) { adminSetTier(userId: $u, tier: $t) { id } }', variables: { u: user.id, t: tier } }, admin);
    const refused = await setTier(bait);
    expect(errorOf(refused)?.extensions?.code, refused.text).toBe('BAD_USER_INPUT');
    expect(refused.text).not.toContain(SECRET);
    expect(errorOf(await setTier('platinum-9'))?.message).toBe('Unknown tier "platinum-9"');
  });

  it.each(BAIT)('does not quote an idempotency key reused for another request unless it is id-shaped (%#)', async (bait) => {
    const other = await newUser(t, admin, 'hygiene-conflict');
    const grant = (amount: string, idempotencyKey: string) =>
      post(
        {
          query: 'mutation($i: AdminCreditInput!) { adminGrantCredits(input: $i) { id } }',
          variables: { i: { userId: other.id, amount, reason: 'conflict test', idempotencyKey } },
        },
        admin,
      );
    expect(errorOf(await grant('1', bait)), 'the first grant').toBeUndefined();
    const conflict = await grant('2', bait);
    expect(errorOf(conflict)?.extensions?.code, conflict.text).toBe('IDEMPOTENCY_CONFLICT');
    expect(conflict.text).not.toContain(SECRET);
    const plain = `grant-${randomUUID()}`;
    expect(errorOf(await grant('1', plain))).toBeUndefined();
    expect(errorOf(await grant('2', plain))?.message).toBe(`Idempotency key "${plain}" was already used for a different request`);
  });
});

describe('text PostgreSQL cannot store is refused with BAD_USER_INPUT, and nothing is written', () => {
  const NUL = 'a\u0000b';
  const LONE = 'a\ud800b';

  it.each([
    ['NUL', NUL],
    ['a lone surrogate', LONE],
  ])('refuses a sign-up whose email holds %s', async (_name, bad) => {
    const before = await countRows('app_user');
    const res = await post({
      query: 'mutation($i: SignUpInput!) { signUp(input: $i) { token } }',
      variables: { i: { email: `${bad}@example.com`, password: GOOD_PASSWORD } },
    });
    expectRefused(res);
    expect(res.body!.errors![0]!.message).toMatch(/NUL.*surrogate.*variables\.i\.email/);
    expect(await countRows('app_user')).toBe(before);
  });

  it('refuses an escaped NUL in a document literal', async () => {
    const before = await countRows('app_user');
    const res = await post({ query: `mutation { signUp(input: { email: "a\\u0000b@example.com", password: "${GOOD_PASSWORD}" }) { token } }` });
    expectRefused(res);
    expect(await countRows('app_user')).toBe(before);
  });

  const COMPLETIONS: Array<[string, Record<string, unknown>]> = [
    ['a prompt', { model: 'sandbox/echo', prompt: `hello ${NUL}`, maxTokens: 5 }],
    ['a message', { model: 'sandbox/echo', messages: [{ role: 'user', content: LONE }], maxTokens: 5 }],
    ['an idempotency key', { model: 'sandbox/echo', prompt: 'hello', maxTokens: 5, idempotencyKey: NUL }],
    ['a model id', { model: `sandbox/${NUL}`, prompt: 'hello', maxTokens: 5 }],
  ];

  it.each(COMPLETIONS)('refuses a completion with NUL or a lone surrogate in %s: no charge, no entry', async (_name, input) => {
    const before = await snapshot(t, user.token);
    expectRefused(await post({ query: COMPLETE, variables: { i: input } }, user.token));
    expect(await snapshot(t, user.token)).toEqual(before);
  });

  it.each(COMPLETIONS)('refuses the same over graphql-ws (completionStream): %s', async (_name, input) => {
    const before = await snapshot(t, user.token);
    const errors = await wsErrors(ws(user.token), 'subscription($i: CompletionInput!) { completionStream(input: $i) { delta done } }', { i: input });
    expect(errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await snapshot(t, user.token)).toEqual(before);
  });

  it('refuses an API key name with NUL: no key created', async () => {
    const before = await countRows('api_key');
    expectRefused(
      await post(
        { query: 'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }', variables: { i: { name: NUL, scopes: ['read'] } } },
        user.token,
      ),
    );
    expect(await countRows('api_key')).toBe(before);
  });

  it('refuses trackUsage with NUL in its description or service: nothing charged', async () => {
    for (const input of [
      { service: 'tts', units: 10, idempotencyKey: randomUUID(), description: NUL },
      { service: `tts${NUL}`, units: 10, idempotencyKey: randomUUID() },
    ]) {
      const before = await snapshot(t, user.token);
      expectRefused(
        await post({ query: 'mutation($i: TrackUsageInput!) { trackUsage(input: $i) { charged } }', variables: { i: { ...input, userId: user.id } } }, admin),
      );
      expect(await snapshot(t, user.token)).toEqual(before);
    }
  });

  it('refuses an admin search with NUL', async () => {
    expectRefused(await post({ query: 'query($s: String) { adminAccounts(search: $s) { totalCount } }', variables: { s: NUL } }, admin));
  });

  it('refuses NUL in the JSON variables of a GET request', async () => {
    const params = new URLSearchParams({ query: 'query($s: String) { adminAccounts(search: $s) { totalCount } }', variables: JSON.stringify({ s: NUL }) });
    const res = await fetch(`${t.url}/graphql?${params}`, { headers: { authorization: `Bearer ${admin}`, 'apollo-require-preflight': 'true' } });
    const text = await res.text();
    expectRefused({ status: res.status, text, body: JSON.parse(text) });
  });

  it("refuses NUL in a graphql-ws connection's authorization", async () => {
    const client = createClient({
      url: `${t.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer tg_${NUL}` },
    });
    clients.push(client);
    const errors = await wsErrors(client, '{ me { id } }');
    expect(errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it.each([
    ['a message', { model: 'sandbox/echo', messages: [{ role: 'user', content: NUL }], max_tokens: 5 }],
    ['a lone surrogate in a message', { model: 'sandbox/echo', messages: [{ role: 'user', content: LONE }], max_tokens: 5 }],
    ['the model', { model: `sandbox/echo${NUL}`, messages: [{ role: 'user', content: 'hi' }] }],
    ['an ignored field', { model: 'sandbox/echo', messages: [{ role: 'user', content: 'hi' }], user: NUL }],
  ])('answers /v1/chat/completions with NUL in %s with 400 invalid_request_error: no charge', async (_name, body) => {
    const { secret } = await keyFor(t, user, ['completions']);
    const before = await snapshot(t, user.token);
    const res = await fetch(`${t.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { type: string } }).error.type).toBe('invalid_request_error');
    expect(await snapshot(t, user.token)).toEqual(before);
    expect((await ledgerAudit(t, admin)).violations).toEqual([]);
  });
});
