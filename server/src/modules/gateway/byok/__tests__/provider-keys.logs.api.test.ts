import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../../app.js';
import { loadConfig } from '../../../../platform/config.js';
import { createLogger } from '../../../../platform/logger.js';
import { errorCode, TEST_ADMIN, TEST_JWT_SECRET, type GqlResult, type TestApp } from '../../../../test-support/app.js';
import { createTestDatabase } from '../../../../test-support/database.js';
import { execute, fakeKey, newUser, SET_KEY, setKey, setKeyOk } from './byok-helpers.js';

/**
 * The server runs at the most verbose level with its log lines captured, and every path a key can
 * take (stored, refused, malformed, failing in the database, unreadable, used) is driven; no line
 * may hold the key. startTestApp cannot take a logger, so this file builds its server itself.
 */
const lines: string[] = [];
let app: App;
let drop: () => Promise<void>;
let t: TestApp;
/** HTTP requests sent so far: each gets one request line, written as its response ends. */
let requestsSent = 0;
const keys: string[] = [];
const aKey = (provider = 'openai') => {
  const key = fakeKey(provider);
  keys.push(key);
  return key;
};

beforeAll(async () => {
  const db = await createTestDatabase();
  drop = db.drop;
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'trace',
      DATABASE_URL: db.url,
      JWT_SECRET: TEST_JWT_SECRET,
      TOLLGATE_ENCRYPTION_KEY: 'ab'.repeat(32),
      ADMIN_EMAIL: TEST_ADMIN.email,
      ADMIN_PASSWORD: TEST_ADMIN.password,
    },
    { dataDir: mkdtempSync(join(tmpdir(), 'tollgate-test-data-')) },
  );
  app = await createApp(config, createLogger('trace', { write: (line: string) => void lines.push(line) }));
  const url = `http://127.0.0.1:${await app.listen()}`;
  t = {
    app,
    url,
    databaseUrl: db.url,
    stop: () => app.stop(),
    logs: () => lines,
    async gql(query, variables, token, headers = {}) {
      requestsSent += 1;
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as GqlResult;
      return { status: res.status, data: (body.data ?? null) as any, errors: body.errors };
    },
  };
});
afterAll(async () => {
  await app?.stop();
  await drop?.();
});

/**
 * Until every request sent has its request line (bounded: a line that never comes fails the test),
 * so that the checks below read everything the requests logged, not a part of it.
 */
async function allRequestLines(): Promise<void> {
  const deadline = Date.now() + 10_000;
  const written = () =>
    lines.filter((line) => {
      const l = JSON.parse(line);
      return l.req && l.res && typeof l.responseTime === 'number';
    }).length;
  while (written() < requestsSent) {
    if (Date.now() > deadline) throw new Error(`${written()} request lines written for ${requestsSent} requests within 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Every captured line that holds any of the keys (or their first 16 characters). */
const leaks = () => lines.filter((line) => keys.some((key) => line.includes(key) || line.includes(key.slice(0, 16))));

describe('provider keys never reach the logs', () => {
  it('drives every path a key takes at trace level, and no captured line holds one', async () => {
    const user = await newUser(t);
    const owned = aKey();
    await setKeyOk(t, user, 'openai', owned);
    await setKeyOk(t, user, 'openai', aKey()); // a replacement
    expect(await t.app.services.providerKeys.resolve(user.id, 'openai')).toMatchObject({ apiKey: keys[1] });

    // Refused: tier, provider, malformed key, no credential, a variable the input type does not have.
    expect(errorCode(await setKey(t, await newUser(t, 'free'), 'openai', aKey()))).toBe('TIER_LIMIT_EXCEEDED');
    expect(errorCode(await setKey(t, user, 'sandbox', aKey()))).toBe('BAD_USER_INPUT');
    expect(errorCode(await setKey(t, user, 'openai', `${aKey()} trailing words`))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(SET_KEY, { input: { provider: 'openai', apiKey: aKey() } }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await t.gql(SET_KEY, { input: { provider: 'openai', apiKey: aKey(), extra: 1 } }, user.token))).toBe('BAD_USER_INPUT');
    expect(
      errorCode(await t.gql(`mutation { setProviderKey(input: { provider: "google", apiKey: "${aKey('google')}" }) { id } }`, {}, user.token)),
    ).toBeUndefined();

    // The database refuses the write: the error is logged, with what the row held (sealed), not the key.
    await execute(t, "alter table provider_key add constraint byok_log_test check (provider <> 'anthropic')");
    const failing = await setKey(t, user, 'anthropic', aKey('anthropic'));
    expect(errorCode(failing)).toBe('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(failing)).not.toContain(keys.at(-1)!.slice(0, 16));
    await execute(t, 'alter table provider_key drop constraint byok_log_test');

    // A key that cannot be opened (bytes from another row) is logged as such, by ids only.
    const other = await newUser(t);
    await setKeyOk(t, other, 'openai', aKey());
    await execute(
      t,
      `update provider_key o set iv = u.iv, ciphertext = u.ciphertext, tag = u.tag
       from provider_key u where u.user_id = $1 and u.provider = 'openai' and o.user_id = $2 and o.provider = 'openai'`,
      [user.id, other.id],
    );
    await expect(t.app.services.providerKeys.resolve(other.id, 'openai')).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });

    await allRequestLines();
    const all = lines.join('');
    // The paths above were logged at all: otherwise "no leak" would prove nothing.
    expect(all).toContain('provider key set');
    expect(all).toContain('unexpected error while serving a request');
    expect(all).toContain('stored provider key cannot be opened');
    expect(all).toContain('/graphql');
    expect(leaks()).toEqual([]);
  });

  it('redacts an apiKey field wherever a log call might carry one', () => {
    const secret = aKey();
    const before = lines.length;
    // The server's own logger is not reachable from here; one built by the same function is.
    const log = createLogger('info', { write: (line: string) => void lines.push(line) });
    log.info({ apiKey: secret }, 'top level');
    log.info({ input: { apiKey: secret } }, 'nested');
    log.info({ variables: { input: { provider: 'openai', apiKey: secret } } }, 'graphql variables');
    const logged = lines.slice(before);
    expect(logged).toHaveLength(3);
    for (const line of logged) {
      expect(line).not.toContain(secret);
      expect(line).toContain('[redacted]');
    }
  });
});
