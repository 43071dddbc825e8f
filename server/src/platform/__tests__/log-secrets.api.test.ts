import { randomBytes } from 'node:crypto';
import { GraphQLError, Source } from 'graphql';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { User } from '../../modules/auth/index.js';
import { GOOD_PASSWORD, SIGN_IN, SIGN_UP, uniqueEmail } from '../../modules/auth/__tests__/helpers.js';
import { fakeKey, SET_KEY } from '../../modules/gateway/byok/__tests__/byok-helpers.js';
import { FakeAnthropic } from '../../modules/gateway/__tests__/fakes/fake-anthropic.js';
import { FakeOpenAi } from '../../modules/gateway/__tests__/fakes/fake-openai.js';
import { newUser, ok, signInAdmin } from '../../modules/gateway/__tests__/support.js';
import { errorCode, startTestApp, type TestApp } from '../../test-support/app.js';
import { withClient } from '../../test-support/database.js';
import { recordSecret } from '../../test-support/log-capture.js';
import { createLogger } from '../logger.js';

/**
 * Each way a secret once reached the log, provoked for real: the secret must be absent from every
 * line, and the line must still say what happened. The server logs at debug to its own file.
 */

/** Providers (or proxies in front of them) that quote the credential they refused in the error body. */
class EchoingOpenAi extends FakeOpenAi {
  protected override errorBody(status: number, message: string): unknown {
    return super.errorBody(status, `${message}; you sent Authorization: ${this.requests.at(-1)?.headers.authorization}`);
  }
}
class EchoingAnthropic extends FakeAnthropic {
  protected override errorBody(status: number, message: string): unknown {
    const headers = this.requests.at(-1)?.headers;
    return super.errorBody(status, `${message}; you sent x-api-key=${headers?.['x-api-key']} authorization=${headers?.authorization}`);
  }
}

const PLATFORM_OPENAI = `sk-platform-${randomBytes(12).toString('hex')}`;
const PLATFORM_ANTHROPIC = `sk-ant-platform-${randomBytes(12).toString('hex')}`;
const COMPLETE = `mutation($i: CompletionInput!) { complete(input: $i) { id provider } }`;

let t: TestApp;
let openai: EchoingOpenAi;
let anthropic: EchoingAnthropic;
let admin: string;

beforeAll(async () => {
  openai = await new EchoingOpenAi().start();
  anthropic = await new EchoingAnthropic().start();
  t = await startTestApp({
    LOG_LEVEL: 'debug',
    OPENAI_API_KEY: PLATFORM_OPENAI,
    OPENAI_BASE_URL: openai.baseURL,
    ANTHROPIC_API_KEY: PLATFORM_ANTHROPIC,
    ANTHROPIC_BASE_URL: anthropic.baseURL,
    PROVIDER_MAX_RETRIES: '0',
    MODEL_FALLBACKS: '{}',
  });
  admin = await signInAdmin(t);
});
afterEach(() => {
  openai.reset();
  anthropic.reset();
});
afterAll(async () => {
  await t?.stop();
  await openai?.close();
  await anthropic?.close();
});

type Line = Record<string, any>;
let requestIds = 0;
/** A fresh X-Request-Id: the server's line for that request carries it as `req.id`. */
const tagged = () => {
  requestIds += 1;
  const id = `log-secrets-${process.pid}-${requestIds}`;
  return { id, headers: { 'x-request-id': id } };
};
/**
 * The server's lines written since `from`, parsed, once the line of request `requestId` (the test's
 * last) is among them: it is written as its response ends, after everything the request logged
 * and after every earlier request's. Without it the "secret absent" checks could pass on lines
 * not yet written; if it never comes, the test fails.
 */
async function linesSince(from: number, requestId: string): Promise<{ raw: string[]; parsed: Line[] }> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const raw = t.logs().slice(from);
    const parsed = raw.map((line) => JSON.parse(line) as Line);
    if (parsed.some((l) => l.req?.id === requestId)) return { raw, parsed };
    if (Date.now() > deadline) throw new Error(`the line of request ${requestId} was not written within 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
const holding = (raw: string[], secret: string) => raw.filter((line) => line.includes(secret));

describe('database errors', () => {
  it('a failed sign-up insert is logged with its statement, table and constraint, without the values it carried', async () => {
    const email = uniqueEmail('refused-row');
    const password = `Row-${randomBytes(6).toString('hex')}-9`;
    recordSecret(password);
    await withClient(t.databaseUrl, (c) => c.query(`alter table app_user add constraint log_test_refuse check (email not like 'refused-row-%')`));
    const from = t.logs().length;
    const last = tagged();
    try {
      expect(errorCode(await t.gql(SIGN_UP, { input: { email, password } }, undefined, last.headers))).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await withClient(t.databaseUrl, (c) => c.query('alter table app_user drop constraint log_test_refuse'));
    }
    const { raw, parsed } = await linesSince(from, last.id);
    const line = parsed.find((l) => l.msg === 'unexpected error while serving a request');
    expect(line?.err).toMatchObject({ type: 'CheckConstraintViolationException', table: 'app_user', constraint: 'log_test_refuse' });
    // Every string value is a '?'; a number the ORM inlines (the new user's session epoch, 0) is no one's secret.
    expect(line!.err.message).toMatch(/^insert into "app_user" \(.*"password_hash".*\) values \('\?'(, ('\?'|\d+))+\) - new row .* violates check constraint/);
    expect(line!.err.detail).toBe('Failing row contains (?).');
    // The row's values: the email, the argon2 hash of the password, the password itself.
    expect(holding(raw, email)).toEqual([]);
    expect(holding(raw, '$argon2')).toEqual([]);
    expect(holding(raw, password)).toEqual([]);
  });

  it('a duplicate-email insert error names the key, not the email or the hash', async () => {
    const email = uniqueEmail('dup');
    ok(await t.gql(SIGN_UP, { input: { email, password: GOOD_PASSWORD } }, undefined, { 'x-forwarded-for': '198.19.7.7' }), 'signUp');
    const stored = await withClient(
      t.databaseUrl,
      async (c) => (await c.query('select password_hash from app_user where email = $1', [email])).rows[0].password_hash as string,
    );
    recordSecret(stored);
    // The service turns this one into BAD_USER_INPUT; any other caller of the ORM would log it as is.
    const lines: string[] = [];
    const log = createLogger('debug', { write: (line: string) => void lines.push(line) });
    const err = await t.app.orm.em
      .fork()
      .insert(User, { id: crypto.randomUUID(), email, passwordHash: stored })
      .catch((e: unknown) => e);
    log.error({ err }, 'could not insert a user');
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!);
    expect(line.err).toMatchObject({ type: 'UniqueConstraintViolationException', code: '23505', table: 'app_user', detail: 'Key (email)=(?) already exists.' });
    expect(line.err.message).toContain('duplicate key value violates unique constraint');
    expect(lines[0]).not.toContain(email);
    expect(lines[0]).not.toContain(stored);
    expect(lines[0]).not.toContain(stored.split('$').at(-1)); // not even the hash part alone
  });
});

describe('provider errors', () => {
  it('a platform key refused by a provider that echoes it: the log says which provider answered what, and holds no key', async () => {
    const user = await newUser(t, admin, 'echo', 'pro');
    openai.set({ apiKey: 'sk-some-other-key-entirely-000' });
    anthropic.set({ apiKey: 'sk-ant-some-other-key-entirely' });
    const from = t.logs().length;
    expect(errorCode(await t.gql(COMPLETE, { i: { model: 'openai/gpt-4o-mini', prompt: 'hi', maxTokens: 5, useCache: false } }, user.token))).toBe(
      'PROVIDER_UNAVAILABLE',
    );
    const last = tagged();
    expect(
      errorCode(await t.gql(COMPLETE, { i: { model: 'anthropic/claude-3.5-haiku', prompt: 'hi', maxTokens: 5, useCache: false } }, user.token, last.headers)),
    ).toBe('PROVIDER_UNAVAILABLE');
    // The fakes did answer with the key in their bodies.
    expect(openai.requests.at(-1)!.headers.authorization).toBe(`Bearer ${PLATFORM_OPENAI}`);
    expect(JSON.stringify(anthropic.requests.at(-1)!.headers)).toContain(PLATFORM_ANTHROPIC);
    const { raw, parsed } = await linesSince(from, last.id);
    const failures = parsed.filter((l) => l.msg === 'provider call failed');
    expect(failures.map((l) => l.err.message)).toEqual([
      expect.stringMatching(/^openai answered HTTP 401: HTTP 401 invalid_api_key request req_fake_\d+ \(body not logged\)$/),
      expect.stringMatching(/^anthropic answered HTTP 401: HTTP 401 authentication_error request req_fake_\d+ \(body not logged\)$/),
    ]);
    expect(failures.map((l) => l.model)).toEqual(['openai/gpt-4o-mini', 'anthropic/claude-3.5-haiku']);
    expect(holding(raw, PLATFORM_OPENAI)).toEqual([]);
    expect(holding(raw, PLATFORM_ANTHROPIC)).toEqual([]);
    expect(holding(raw, 'you sent')).toEqual([]);
  });

  it("a user's own key (BYOK) refused by the provider stays out of the log", async () => {
    const user = await newUser(t, admin, 'byok-refused', 'pro');
    const own = fakeKey('openai');
    ok(await t.gql(SET_KEY, { input: { provider: 'openai', apiKey: own } }, user.token), 'setProviderKey');
    openai.set({ apiKey: PLATFORM_OPENAI }); // only the platform's key works: the user's is refused
    const from = t.logs().length;
    const last = tagged();
    expect(
      errorCode(await t.gql(COMPLETE, { i: { model: 'openai/gpt-4o-mini', prompt: 'hi', maxTokens: 5, useCache: false } }, user.token, last.headers)),
    ).toBe('PROVIDER_UNAVAILABLE');
    expect(openai.requests.at(-1)!.headers.authorization).toBe(`Bearer ${own}`);
    const { raw, parsed } = await linesSince(from, last.id);
    expect(parsed.find((l) => l.msg === 'provider call failed')?.err.message).toMatch(/^openai answered HTTP 401: HTTP 401 invalid_api_key/);
    expect(holding(raw, own)).toEqual([]);
    expect(holding(raw, own.slice(-12))).toEqual([]);
  });
});

describe('passwords', () => {
  it('wrong passwords are logged as refused sign-ins, without the password', async () => {
    const email = uniqueEmail('wrong-pw');
    ok(await t.gql(SIGN_UP, { input: { email, password: GOOD_PASSWORD } }, undefined, { 'x-forwarded-for': '198.19.8.8' }), 'signUp');
    const wrong = [`${GOOD_PASSWORD}-nope`, `Guess-${randomBytes(5).toString('hex')}!`];
    recordSecret(...wrong);
    const from = t.logs().length;
    const last = tagged();
    for (const password of wrong) {
      expect(errorCode(await t.gql(SIGN_IN, { input: { email, password } }, undefined, { 'x-forwarded-for': '198.19.9.9', ...last.headers }))).toBe(
        'UNAUTHENTICATED',
      );
    }
    const { raw, parsed } = await linesSince(from, last.id);
    expect(parsed.filter((l) => l.msg === 'sign-in refused: wrong email or password').map((l) => l.ip)).toEqual(['198.19.9.9', '198.19.9.9']);
    for (const password of [...wrong, GOOD_PASSWORD]) expect(holding(raw, password)).toEqual([]);
  });

  it('redacts secrets by field name and by shape in anything logged', () => {
    const lines: string[] = [];
    const log = createLogger('info', { write: (line: string) => void lines.push(line) });
    const jwt = `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3OCJ9.${randomBytes(16).toString('base64url')}`;
    const apiKey = `tg_0123abcd_${randomBytes(32).toString('base64url')}`;
    log.info({ password: 'Pw-secret-1234', user: { passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA', token: jwt } }, 'fields');
    log.warn(`free text quoting Bearer ${jwt} and ${apiKey} and sk-proj-${'x'.repeat(24)} and $argon2id$v=19$m=1,t=2,p=1$abc$def`);
    // A GraphQL error carries its whole document, literals included.
    const inline = 'mutation { signIn(input: { email: "a@example.com", password: "Inline-pw-5678" }) { token } }';
    log.error({ err: new GraphQLError('boom', { source: new Source(inline), positions: [11] }) }, 'graphql error');
    const all = lines.join('');
    expect(all).toContain('"msg":"graphql error"');
    for (const secret of ['Pw-secret-1234', '$argon2id', jwt, apiKey.slice(12), `sk-proj-${'x'.repeat(24)}`, 'Inline-pw-5678'])
      expect(all).not.toContain(secret);
    expect(all).toContain('tg_0123abcd_[redacted]'); // the prefix stays: it is what the console shows
    expect(all).toContain('free text quoting');
  });
});
