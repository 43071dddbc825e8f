import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyIdOf } from '../../../../platform/crypto.js';
import { ConfigError, loadConfig } from '../../../../platform/config.js';
import { createLogger } from '../../../../platform/logger.js';
import { resolveSecrets } from '../../../../platform/secrets.js';
import { errorCode, startTestApp, type TestApp } from '../../../../test-support/app.js';
import { createTestDatabase } from '../../../../test-support/database.js';
import { ProviderKeyStore } from '../provider-key.store.js';
import { adminToken, fakeKey, listKeys, newUser, ok, REENCRYPT, setKeyOk, storedKeys, type StoredKey, type User } from './byok-helpers.js';

const HEX = { a: '1a'.repeat(32), b: '2b'.repeat(32), c: '3c'.repeat(32) };
const ID = { a: keyIdOf(Buffer.from(HEX.a, 'hex')), b: keyIdOf(Buffer.from(HEX.b, 'hex')), c: keyIdOf(Buffer.from(HEX.c, 'hex')) };

let db: { url: string; drop: () => Promise<void> };
/** The users of the first start, each with an OpenAI key sealed under key A. */
const users: Array<User & { apiKey: string }> = [];
let underA: StoredKey[];

/** A server on the shared database with these encryption keys, stopped after `fn`. */
async function withServer<T>(current: string, previous: string[], fn: (t: TestApp) => Promise<T>): Promise<T> {
  const env: Record<string, string> = { TOLLGATE_ENCRYPTION_KEY: current };
  if (previous.length > 0) env.TOLLGATE_ENCRYPTION_KEYS_PREVIOUS = previous.join(', ');
  const t = await startTestApp(env, { databaseUrl: db.url });
  try {
    return await fn(t);
  } finally {
    await t.stop();
  }
}

const resolve = (t: TestApp, user: User) => t.app.services.providerKeys.resolve(user.id, 'openai');

beforeAll(async () => {
  db = await createTestDatabase();
  await withServer(HEX.a, [], async (t) => {
    for (let i = 0; i < 3; i += 1) {
      const user = await newUser(t);
      const apiKey = fakeKey();
      await setKeyOk(t, user, 'openai', apiKey);
      users.push({ ...user, apiKey });
    }
    underA = await storedKeys(t, null);
  });
});
afterAll(async () => {
  await db?.drop();
});

describe('rotating TOLLGATE_ENCRYPTION_KEY', () => {
  it('keeps old keys readable through the previous keys, re-sealing on use and through the admin pass', async () => {
    expect(underA.map((r) => r.key_id)).toEqual([ID.a, ID.a, ID.a]);
    await withServer(HEX.b, [HEX.a], async (t) => {
      const [first, second] = users;
      expect((await listKeys(t, first!)).map((k) => k.keyId)).toEqual([ID.a]);

      // Used once: answered from key A, and moved to key B without the caller waiting for it.
      expect(await resolve(t, first!)).toEqual({ id: underA.find((r) => r.user_id === first!.id)!.id, apiKey: first!.apiKey });
      await waitFor(async () => (await storedKeys(t, first!.id))[0]!.key_id === ID.b);
      expect(await resolve(t, first!)).toMatchObject({ apiKey: first!.apiKey });

      // New keys are sealed under B straight away.
      const late = await newUser(t);
      expect((await setKeyOk(t, late, 'anthropic', fakeKey('anthropic'))).keyId).toBe(ID.b);

      // The admin pass moves the two rows nobody used.
      const admin = await adminToken(t);
      expect(await ok(t.gql(REENCRYPT, {}, admin), 'adminReencryptProviderKeys')).toEqual({ currentKeyId: ID.b, reencrypted: 2, remaining: 0 });
      expect(await ok(t.gql(REENCRYPT, {}, admin), 'adminReencryptProviderKeys')).toEqual({ currentKeyId: ID.b, reencrypted: 0, remaining: 0 });
      const after = await storedKeys(t, null);
      expect(after.map((r) => r.key_id)).toEqual(after.map(() => ID.b));
      for (const old of underA) {
        const now = after.find((r) => r.id === old.id)!;
        expect(now.iv.equals(old.iv)).toBe(false);
        expect(now.ciphertext.equals(old.ciphertext)).toBe(false);
      }
      expect((await listKeys(t, second!)).map((k) => k.keyId)).toEqual([ID.b]);
      expect(errorCode(await t.gql(REENCRYPT, {}, second!.token))).toBe('FORBIDDEN');
    });

    // Key A can now go: every key opens under B alone.
    await withServer(HEX.b, [], async (t) => {
      for (const user of users) expect(await resolve(t, user)).toMatchObject({ apiKey: user.apiKey });
    });
  });

  it('answers PROVIDER_UNAVAILABLE for a key sealed under a key that is no longer configured, and a new set fixes it', async () => {
    await withServer(HEX.c, [], async (t) => {
      const [user] = users;
      await expect(resolve(t, user!)).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
      // Still listed (by what the server knows), and the admin pass says it is stranded.
      expect((await listKeys(t, user!)).map((k) => k.keyId)).toEqual([ID.b]);
      const pass = await ok(t.gql(REENCRYPT, {}, await adminToken(t)), 'adminReencryptProviderKeys');
      expect(pass).toEqual({ currentKeyId: ID.c, reencrypted: 0, remaining: (await storedKeys(t, null)).length });

      const replacement = fakeKey();
      expect((await setKeyOk(t, user!, 'openai', replacement)).keyId).toBe(ID.c);
      expect(await resolve(t, user!)).toMatchObject({ apiKey: replacement });
      users[0] = { ...user!, apiKey: replacement };
    });
  });

  it('never overwrites a key replaced while it was being re-sealed', async () => {
    await withServer(HEX.b, [HEX.c], async (t) => {
      const user = users[0]!;
      const [read] = await storedKeys(t, user.id);
      expect(read!.key_id).toBe(ID.c);
      const replacement = fakeKey();
      await setKeyOk(t, user, 'openai', replacement);
      // The re-seal computed from the row as first read lands after the replacement: it must not apply.
      const store = new ProviderKeyStore(t.app.sql);
      const stale = { keyId: read!.key_id, iv: read!.iv, ciphertext: read!.ciphertext, tag: read!.tag };
      expect(await store.reseal(read!.id, stale, { ...stale, keyId: ID.b })).toBe(false);
      expect(await resolve(t, user)).toMatchObject({ apiKey: replacement });
    });
  });
});

describe('TOLLGATE_ENCRYPTION_KEYS_PREVIOUS', () => {
  const load = (env: Record<string, string>) => loadConfig(env, { dataDir: '/nonexistent/tollgate-byok-test' });

  it('takes comma-separated 64-hex keys (spaces allowed) and hands them to the secrets', () => {
    const config = load({
      TOLLGATE_ENCRYPTION_KEY: HEX.c,
      TOLLGATE_ENCRYPTION_KEYS_PREVIOUS: ` ${HEX.a} ,${HEX.b}`,
      JWT_SECRET: 'x'.repeat(40),
      ADMIN_EMAIL: 'a@b.c',
      ADMIN_PASSWORD: 'admin-pass-12345',
    });
    const secrets = resolveSecrets(config, createLogger('silent'));
    expect(secrets.encryptionKey.toString('hex')).toBe(HEX.c);
    expect(secrets.previousEncryptionKeys.map((k) => k.toString('hex'))).toEqual([HEX.a, HEX.b]);
  });

  it.each([
    ['short', 'abcd'],
    ['not hex', 'zz'.repeat(32)],
    ['an empty entry', `${HEX.a},,${HEX.b}`],
    ['a trailing comma', `${HEX.a},`],
  ])('refuses %s, naming the variable without repeating its value', (_name, value) => {
    let error: unknown;
    try {
      load({ TOLLGATE_ENCRYPTION_KEYS_PREVIOUS: value });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([expect.stringMatching(/^TOLLGATE_ENCRYPTION_KEYS_PREVIOUS: /)]);
    expect((error as ConfigError).message).not.toContain(value);
  });
});

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('condition never held');
}
