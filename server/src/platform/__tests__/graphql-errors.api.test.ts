import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { errorCode, startTestApp, type GqlResult, type TestApp } from '../../test-support/app.js';
import { withClient } from '../../test-support/database.js';
import { GOOD_PASSWORD, signUp, uniqueEmail } from '../../modules/auth/__tests__/helpers.js';

/** docs/api.md "Errors": the only codes a client may ever see. */
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

const SHALLOW_SIGN_UP = 'mutation SignUp($input: SignUpInput!) { signUp(input: $input) { token } }';

interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  body: GqlResult | null;
}

/** POSTs a raw body to /graphql, for what the JSON helper cannot send. */
async function post(app: TestApp, body: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  const res = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await res.text();
  let parsed: GqlResult | null = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = null;
  }
  return { status: res.status, headers: res.headers, text, body: parsed };
}

/** Every error carries a contract code, and nothing in the answer looks like a stack, SQL or a path. */
function expectContractErrors(result: Pick<GqlResult, 'errors'> | null, text = JSON.stringify(result)) {
  expect(result?.errors?.length ?? 0).toBeGreaterThan(0);
  for (const error of result!.errors!) {
    expect(CONTRACT_CODES, `code of ${JSON.stringify(error)}`).toContain(error.extensions?.code);
    expect(error.extensions).not.toHaveProperty('stacktrace');
  }
  expect(text).not.toMatch(/\bat [^"]*\.(?:ts|js|mjs|cjs):\d+/);
  expect(text).not.toMatch(/node_modules|\/work\/|file:\/\//);
}

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.stop();
});

const countUsers = (app: TestApp) => withClient(app.databaseUrl, async (c) => Number((await c.query('select count(*) from app_user')).rows[0].count));

describe('malformed GraphQL', () => {
  it('answers a syntax error with BAD_USER_INPUT', async () => {
    const { token } = await signUp(t);
    const res = await t.gql('{ me { email }', {}, token);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.data).toBeNull();
    expectContractErrors(res);
  });

  it('answers an unknown field with BAD_USER_INPUT', async () => {
    const { token } = await signUp(t);
    const res = await t.gql('{ me { email passwordHash } }', {}, token);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.data).toBeNull();
    expectContractErrors(res);
  });

  it('answers an unknown field in a mutation with BAD_USER_INPUT and writes nothing', async () => {
    const before = await countUsers(t);
    const res = await t.gql('mutation S($input: SignUpInput!) { signUp(input: $input) { token nope } }', {
      input: { email: uniqueEmail(), password: GOOD_PASSWORD },
    });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(await countUsers(t)).toBe(before);
    expectContractErrors(res);
  });

  it('answers a request without a query with BAD_USER_INPUT', async () => {
    const res = await post(t, JSON.stringify({ variables: {} }));
    expect(res.status).toBe(400);
    expectContractErrors(res.body, res.text);
    expect(errorCode(res.body!)).toBe('BAD_USER_INPUT');
  });

  const BAD_VARIABLES: Array<[string, string, Record<string, unknown>, boolean]> = [
    ['a variable of the wrong type', 'query Keys($all: Boolean!) { apiKeys(includeRevoked: $all) { id } }', { all: 'yes' }, true],
    ['an input field of the wrong type', SHALLOW_SIGN_UP, { input: { email: uniqueEmail(), password: 12345678901 } }, false],
    ['an input object missing a required field', SHALLOW_SIGN_UP, { input: { email: uniqueEmail() } }, false],
    ['a required variable left out', SHALLOW_SIGN_UP, {}, false],
  ];

  it.each(BAD_VARIABLES)('refuses %s before running anything: no data, a contract code, nothing written', async (_case, query, variables, needsSession) => {
    const token = needsSession ? (await signUp(t)).token : undefined;
    const before = await countUsers(t);
    const res = await t.gql(query, variables, token);
    expect(res.data).toBeNull();
    expectContractErrors(res);
    expect(await countUsers(t)).toBe(before);
  });

  it.each(BAD_VARIABLES)('answers %s with BAD_USER_INPUT', async (_case, query, variables, needsSession) => {
    const token = needsSession ? (await signUp(t)).token : undefined;
    const res = await t.gql(query, variables, token);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
  });
});

describe('query limits', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await startTestApp({ MAX_QUERY_DEPTH: '2', MAX_QUERY_COMPLEXITY: '10' });
  });
  afterAll(async () => {
    await limited?.stop();
  });

  async function shallowUser(): Promise<string> {
    const res = await limited.gql(SHALLOW_SIGN_UP, { input: { email: uniqueEmail(), password: GOOD_PASSWORD } });
    if (!res.data) throw new Error(`sign-up failed: ${JSON.stringify(res.errors)}`);
    return res.data.signUp.token;
  }

  it('serves a query exactly MAX_QUERY_DEPTH deep', async () => {
    const token = await shallowUser();
    const res = await limited.gql('{ me { tier { code } } }', {}, token);
    expect(res.errors).toBeUndefined();
    expect(res.data!.me.tier.code).toBe('free');
  });

  it('refuses a mutation deeper than MAX_QUERY_DEPTH with BAD_USER_INPUT, before it runs', async () => {
    const before = await countUsers(limited);
    const res = await limited.gql('mutation S($input: SignUpInput!) { signUp(input: $input) { user { tier { code } } } }', {
      input: { email: uniqueEmail(), password: GOOD_PASSWORD },
    });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.message).toMatch(/depth/i);
    expect(res.data).toBeNull();
    expectContractErrors(res);
    expect(await countUsers(limited)).toBe(before);
  });

  it('refuses a query deeper than MAX_QUERY_DEPTH through fragments too', async () => {
    const token = await shallowUser();
    const res = await limited.gql(
      'query { ...Q } fragment Q on Query { me { ...U } } fragment U on User { tier { ...T } } fragment T on Tier { code }',
      {},
      token,
    );
    // me.tier.code is depth 2 and allowed; fragments do not add depth.
    expect(res.errors).toBeUndefined();
    const deep = await limited.gql(
      'mutation S($input: SignUpInput!) { ...M } fragment M on Mutation { signUp(input: $input) { user { ...U } } } fragment U on User { tier { code } }',
      { input: { email: uniqueEmail(), password: GOOD_PASSWORD } },
    );
    expect(errorCode(deep)).toBe('BAD_USER_INPUT');
    expectContractErrors(deep);
  });

  it('serves a query whose complexity is exactly MAX_QUERY_COMPLEXITY', async () => {
    const token = await shallowUser();
    // Each aliased `me { id }` costs 2: five of them cost 10.
    const res = await limited.gql(`{ ${[1, 2, 3, 4, 5].map((i) => `m${i}: me { id }`).join(' ')} }`, {}, token);
    expect(res.errors).toBeUndefined();
    expect(Object.keys(res.data!)).toHaveLength(5);
  });

  it('refuses a query over MAX_QUERY_COMPLEXITY with BAD_USER_INPUT', async () => {
    const token = await shallowUser();
    const res = await limited.gql(`{ ${[1, 2, 3, 4, 5, 6].map((i) => `m${i}: me { id }`).join(' ')} }`, {}, token);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.message).toMatch(/complex/i);
    expect(res.data ?? null).toBeNull();
    expectContractErrors(res);
  });

  it('answers a query over MAX_QUERY_COMPLEXITY with HTTP 400, as other refused requests', async () => {
    const token = await shallowUser();
    const res = await limited.gql(`{ ${[1, 2, 3, 4, 5, 6].map((i) => `m${i}: me { id }`).join(' ')} }`, {}, token);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.status).toBe(400);
  });

  it('refuses a mutation over MAX_QUERY_COMPLEXITY before it runs: nothing written', async () => {
    const before = await countUsers(limited);
    const fields = 'token expiresAt user { id email role }';
    const res = await limited.gql(
      `mutation Two($a: SignUpInput!, $b: SignUpInput!) { a: signUp(input: $a) { ${fields} } b: signUp(input: $b) { ${fields} } }`,
      { a: { email: uniqueEmail(), password: GOOD_PASSWORD }, b: { email: uniqueEmail(), password: GOOD_PASSWORD } },
    );
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expectContractErrors(res);
    expect(await countUsers(limited)).toBe(before);
  });
});

describe('HTTP-level errors', () => {
  let small: TestApp;
  beforeAll(async () => {
    small = await startTestApp({ BODY_LIMIT: '1kb' });
  });
  afterAll(async () => {
    await small?.stop();
  });

  it('answers a body over BODY_LIMIT with 413 and a JSON BAD_USER_INPUT error, writing nothing', async () => {
    const before = await countUsers(small);
    const body = JSON.stringify({
      query: SHALLOW_SIGN_UP,
      variables: { input: { email: uniqueEmail(), password: GOOD_PASSWORD }, padding: 'x'.repeat(2048) },
    });
    const res = await post(small, body);
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(errorCode(res.body!)).toBe('BAD_USER_INPUT');
    expectContractErrors(res.body, res.text);
    expect(await countUsers(small)).toBe(before);
  });

  it('serves a body just under BODY_LIMIT', async () => {
    const res = await post(small, JSON.stringify({ query: `{ __typename } # ${'x'.repeat(800)}` }));
    expect(res.status).toBe(200);
    expect(res.body!.data).toEqual({ __typename: 'Query' });
  });

  it('answers malformed JSON with 400 and a JSON BAD_USER_INPUT error', async () => {
    const res = await post(t, '{"query": "{ me { email } }",');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(errorCode(res.body!)).toBe('BAD_USER_INPUT');
    expectContractErrors(res.body, res.text);
    expect(res.text).not.toMatch(/SyntaxError|Unexpected|position/);
  });
});

describe('an internal failure', () => {
  it('answers INTERNAL_SERVER_ERROR with a bare message: no SQL, no table name, no stack', async () => {
    const broken = await startTestApp();
    try {
      const { token } = await signUp(broken);
      // Breaks what apiKeys reads, while sessions (app_user) keep working.
      await withClient(broken.databaseUrl, (c) => c.query('drop table api_key cascade'));
      const res = await fetch(`${broken.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ apiKeys { id name } }' }),
      });
      const text = await res.text();
      const body = JSON.parse(text) as GqlResult;
      expect(body.errors).toHaveLength(1);
      expect(body.errors![0]!.extensions!.code).toBe('INTERNAL_SERVER_ERROR');
      expect(body.errors![0]!.message).toBe('Internal server error');
      expect(Object.keys(body.errors![0]!.extensions!)).toEqual(['code']);
      for (const leak of ['api_key', 'select', 'relation', 'does not exist', 'stacktrace', 'postgres']) {
        expect(text.toLowerCase()).not.toContain(leak);
      }
      expect(text).not.toMatch(/\bat \S+ \(|\bat [^"]*:\d+:\d+/);
      expectContractErrors(body, text);
    } finally {
      await broken.stop();
    }
  });
});

describe('health and request ids', () => {
  it('answers GET /healthz with 200', async () => {
    const res = await fetch(`${t.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });

  it('answers GET /readyz with 200 and status ready while PostgreSQL answers', async () => {
    const res = await fetch(`${t.url}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ready', database: 'ok', backplane: 'memory' });
  });

  it.skipIf(!inject('redisUrl'))('answers GET /readyz with 200 when Redis is configured and answers', async () => {
    const withRedis = await startTestApp({ REDIS_URL: inject('redisUrl')! });
    try {
      const res = await fetch(`${withRedis.url}/readyz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'ready', backplane: 'redis' });
    } finally {
      await withRedis.stop();
    }
  });

  it('gives every response an x-request-id', async () => {
    const res = await post(t, JSON.stringify({ query: '{ __typename }' }));
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const other = await post(t, JSON.stringify({ query: '{ __typename }' }));
    expect(other.headers.get('x-request-id')).not.toBe(res.headers.get('x-request-id'));
  });

  it('echoes a sane incoming x-request-id', async () => {
    const res = await post(t, JSON.stringify({ query: '{ __typename }' }), { 'x-request-id': 'abc-123' });
    expect(res.headers.get('x-request-id')).toBe('abc-123');
  });

  it('replaces an incoming x-request-id that is too long or has odd characters', async () => {
    for (const incoming of ['a'.repeat(65), 'abc 123', 'abc"<script>']) {
      const res = await post(t, JSON.stringify({ query: '{ __typename }' }), { 'x-request-id': incoming });
      const id = res.headers.get('x-request-id');
      expect(id).not.toBe(incoming);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
