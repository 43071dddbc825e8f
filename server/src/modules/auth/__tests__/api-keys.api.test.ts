import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, TEST_ADMIN, type TestApp } from '../../../test-support/app.js';
import { withClient } from '../../../test-support/database.js';
import { CREATE_KEY, createKey, GOOD_PASSWORD, SIGN_IN, SIGN_UP, uniqueEmail } from './helpers.js';

const ME = '{ me { id email } }';
const API_KEYS = '{ apiKeys { id name prefix scopes createdAt lastUsedAt revokedAt } }';
const API_KEYS_WITH_REVOKED = '{ apiKeys(includeRevoked: true) { id name prefix scopes createdAt lastUsedAt revokedAt } }';
const REVOKE = 'mutation Revoke($id: ID!) { revokeApiKey(id: $id) { id name prefix revokedAt } }';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.stop();
});

let ipCounter = 0;
/**
 * Signs a user up from an address of its own: sign-ups are rate limited per IP, and this file
 * makes more users than one address may (the app trusts X-Forwarded-For from loopback).
 */
async function newUser(app: TestApp = t): Promise<{ token: string; id: string; email: string }> {
  ipCounter += 1;
  const email = uniqueEmail('keys');
  const res = await app.gql(SIGN_UP, { input: { email, password: GOOD_PASSWORD } }, undefined, {
    'x-forwarded-for': `198.51.100.${ipCounter % 250}`,
  });
  if (!res.data) throw new Error(`sign-up failed: ${JSON.stringify(res.errors)}`);
  return { token: res.data.signUp.token, id: res.data.signUp.user.id, email };
}

async function adminToken(): Promise<string> {
  const res = await t.gql(SIGN_IN, { input: TEST_ADMIN });
  if (!res.data) throw new Error(`admin sign-in failed: ${JSON.stringify(res.errors)}`);
  return res.data.signIn.token;
}

const countKeys = (userId: string) =>
  withClient(t.databaseUrl, async (c) => Number((await c.query('select count(*) from api_key where user_id = $1', [userId])).rows[0].count));

const keyRow = (id: string) =>
  withClient(t.databaseUrl, async (c) => (await c.query('select row_to_json(k)::text as json, k.* from api_key k where id = $1', [id])).rows[0]);

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

describe('createApiKey', () => {
  it('returns a tg_ secret once, and stores only its sha256 hash and prefix', async () => {
    const user = await newUser();
    const res = await t.gql(CREATE_KEY, { input: { name: 'ci', scopes: ['read', 'completions'] } }, user.token);
    expect(res.errors).toBeUndefined();
    const { secret, apiKey } = res.data!.createApiKey;
    expect(secret).toMatch(/^tg_/);
    expect(secret.startsWith(`${apiKey.prefix}_`)).toBe(true);
    expect(apiKey).toMatchObject({ name: 'ci', scopes: ['read', 'completions'], lastUsedAt: null, revokedAt: null });

    const row = await keyRow(apiKey.id);
    expect(row.user_id).toBe(user.id);
    expect(row.prefix).toBe(apiKey.prefix);
    expect(row.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.secret_hash).toBe(sha256(secret));
    // Neither the whole secret nor its random part is in any column.
    const randomPart = secret.slice(apiKey.prefix.length + 1);
    expect(randomPart.length).toBeGreaterThanOrEqual(40);
    expect(row.json).not.toContain(secret);
    expect(row.json).not.toContain(randomPart);
  });

  it('never shows the secret again: apiKeys has no secret field and its answer does not contain it', async () => {
    const user = await newUser();
    const key = await createKey(t, user.token, ['read']);
    const withSecretField = await t.gql('{ apiKeys { id secret } }', {}, user.token);
    expect(errorCode(withSecretField)).toBe('BAD_USER_INPUT');

    const list = await t.gql(API_KEYS, {}, user.token);
    expect(list.data!.apiKeys.map((k: { id: string }) => k.id)).toEqual([key.id]);
    expect(JSON.stringify(list)).not.toContain(key.secret);
    expect(list.data!.apiKeys[0].prefix).toBe(key.prefix);
  });

  it('accepts a name of exactly 64 characters, trimmed', async () => {
    const user = await newUser();
    const name = 'n'.repeat(64);
    const res = await t.gql(CREATE_KEY, { input: { name: `  ${name}  `, scopes: ['read', 'read'] } }, user.token);
    expect(res.errors).toBeUndefined();
    expect(res.data!.createApiKey.apiKey.name).toBe(name);
    expect(res.data!.createApiKey.apiKey.scopes).toEqual(['read']);
  });

  it.each([
    ['an empty name', '', ['read'], 'name'],
    ['a blank name', '    ', ['read'], 'name'],
    ['a 65-character name', 'x'.repeat(65), ['read'], 'name'],
    ['empty scopes', 'ci', [], 'scopes'],
    ['an unknown scope', 'ci', ['write'], 'scopes'],
    ['an unknown scope next to a good one', 'ci', ['read', 'write'], 'scopes'],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_case, name, scopes, field) => {
    const user = await newUser();
    const res = await t.gql(CREATE_KEY, { input: { name, scopes } }, user.token);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.extensions!.field).toBe(field);
    expect(res.data).toBeNull();
    expect(await countKeys(user.id)).toBe(0);
  });

  it('refuses an admin-scoped key to a non-admin with FORBIDDEN and writes nothing', async () => {
    const user = await newUser();
    for (const scopes of [['admin'], ['read', 'admin']]) {
      const res = await t.gql(CREATE_KEY, { input: { name: 'root', scopes } }, user.token);
      expect(errorCode(res)).toBe('FORBIDDEN');
      expect(res.data).toBeNull();
    }
    expect(await countKeys(user.id)).toBe(0);
  });

  it('lets the admin create an admin-scoped key', async () => {
    const token = await adminToken();
    const res = await t.gql(CREATE_KEY, { input: { name: 'ops', scopes: ['admin', 'read'] } }, token);
    expect(res.errors).toBeUndefined();
    expect(res.data!.createApiKey.apiKey.scopes).toEqual(['admin', 'read']);
    const row = await keyRow(res.data!.createApiKey.apiKey.id);
    expect(row.scopes).toEqual(['admin', 'read']);
  });

  it('refuses without a session with UNAUTHENTICATED and writes nothing', async () => {
    const before = await withClient(t.databaseUrl, async (c) => Number((await c.query('select count(*) from api_key')).rows[0].count));
    const res = await t.gql(CREATE_KEY, { input: { name: 'ci', scopes: ['read'] } });
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
    const after = await withClient(t.databaseUrl, async (c) => Number((await c.query('select count(*) from api_key')).rows[0].count));
    expect(after).toBe(before);
  });
});

describe('authenticating with an API key', () => {
  it('authenticates me and apiKeys as the owner, via Authorization: Bearer', async () => {
    const user = await newUser();
    const key = await createKey(t, user.token, ['read']);
    const me = await t.gql(ME, {}, key.secret);
    expect(me.errors).toBeUndefined();
    expect(me.data!.me).toEqual({ id: user.id, email: user.email });
    const list = await t.gql(API_KEYS, {}, key.secret);
    expect(list.errors).toBeUndefined();
    expect(list.data!.apiKeys.map((k: { id: string }) => k.id)).toEqual([key.id]);
  });

  it('records when the key was last used', async () => {
    const user = await newUser();
    const key = await createKey(t, user.token, ['read']);
    const before = await t.gql(API_KEYS, {}, user.token);
    expect(before.data!.apiKeys[0].lastUsedAt).toBeNull();

    expect((await t.gql(ME, {}, key.secret)).errors).toBeUndefined();

    const after = await t.gql(API_KEYS, {}, user.token);
    const lastUsedAt = after.data!.apiKeys[0].lastUsedAt;
    expect(lastUsedAt).not.toBeNull();
    expect(Number.isNaN(Date.parse(lastUsedAt))).toBe(false);
    const row = await keyRow(key.id);
    expect(row.last_used_at).not.toBeNull();
  });

  it('refuses me to a key with only the completions scope, with FORBIDDEN', async () => {
    const user = await newUser();
    const key = await createKey(t, user.token, ['completions']);
    const res = await t.gql(ME, {}, key.secret);
    expect(errorCode(res)).toBe('FORBIDDEN');
    expect(res.data).toBeNull();
    expect(errorCode(await t.gql(API_KEYS, {}, key.secret))).toBe('FORBIDDEN');
  });

  it('refuses a well-formed key that was never issued, with UNAUTHENTICATED', async () => {
    const user = await newUser();
    const key = await createKey(t, user.token, ['read']);
    // Same shape and prefix, different random part.
    const last = key.secret.at(-1) === 'A' ? 'B' : 'A';
    const forged = `${key.secret.slice(0, -1)}${last}`;
    expect(errorCode(await t.gql(ME, {}, forged))).toBe('UNAUTHENTICATED');
  });

  it.each([[['read']], [['completions']], [['read', 'completions']]])(
    'does not let a key with scopes %j create or revoke keys (FORBIDDEN, needs a session)',
    async (scopes) => {
      const user = await newUser();
      const key = await createKey(t, user.token, scopes);
      const other = await createKey(t, user.token, ['read'], 'other');

      const created = await t.gql(CREATE_KEY, { input: { name: 'minted', scopes: ['read'] } }, key.secret);
      expect(errorCode(created)).toBe('FORBIDDEN');
      expect(created.data).toBeNull();
      expect(await countKeys(user.id)).toBe(2);

      for (const id of [other.id, key.id]) {
        const revoked = await t.gql(REVOKE, { id }, key.secret);
        expect(errorCode(revoked)).toBe('FORBIDDEN');
        expect((await keyRow(id)).revoked_at).toBeNull();
      }
    },
  );

  it("does not let the admin's admin-scoped key create keys either", async () => {
    const token = await adminToken();
    const key = await createKey(t, token, ['admin', 'read', 'completions'], 'admin-all');
    const adminId = (await t.gql(ME, {}, token)).data!.me.id;
    const before = await countKeys(adminId);
    const res = await t.gql(CREATE_KEY, { input: { name: 'minted', scopes: ['admin'] } }, key.secret);
    expect(errorCode(res)).toBe('FORBIDDEN');
    expect(await countKeys(adminId)).toBe(before);
    expect(errorCode(await t.gql(REVOKE, { id: key.id }, key.secret))).toBe('FORBIDDEN');
    expect((await keyRow(key.id)).revoked_at).toBeNull();
  });
});

describe("one user's keys are invisible to another", () => {
  it("does not list A's keys to B", async () => {
    const a = await newUser();
    const b = await newUser();
    const aKey = await createKey(t, a.token, ['read'], 'a-key');
    const bKey = await createKey(t, b.token, ['read'], 'b-key');
    const list = await t.gql(API_KEYS_WITH_REVOKED, {}, b.token);
    expect(list.data!.apiKeys.map((k: { id: string }) => k.id)).toEqual([bKey.id]);
    const viaKey = await t.gql(API_KEYS_WITH_REVOKED, {}, bKey.secret);
    expect(viaKey.data!.apiKeys.map((k: { id: string }) => k.id)).not.toContain(aKey.id);
  });

  it("answers B revoking A's key with NOT_FOUND and leaves it active", async () => {
    const a = await newUser();
    const b = await newUser();
    const aKey = await createKey(t, a.token, ['read']);
    const res = await t.gql(REVOKE, { id: aKey.id }, b.token);
    expect(errorCode(res)).toBe('NOT_FOUND');
    expect(res.data).toBeNull();
    expect((await keyRow(aKey.id)).revoked_at).toBeNull();
    const me = await t.gql(ME, {}, aKey.secret);
    expect(me.data!.me.email).toBe(a.email);
  });
});

describe('revokeApiKey', () => {
  it('revokes; the key then gets UNAUTHENTICATED', async () => {
    const user = await newUser();
    const key = await createKey(t, user.token, ['read']);
    expect((await t.gql(ME, {}, key.secret)).errors).toBeUndefined();

    const res = await t.gql(REVOKE, { id: key.id }, user.token);
    expect(res.errors).toBeUndefined();
    expect(res.data!.revokeApiKey).toMatchObject({ id: key.id, prefix: key.prefix });
    expect(res.data!.revokeApiKey.revokedAt).not.toBeNull();
    expect((await keyRow(key.id)).revoked_at).not.toBeNull();

    const me = await t.gql(ME, {}, key.secret);
    expect(errorCode(me)).toBe('UNAUTHENTICATED');
    expect(me.data).toBeNull();
  });

  it('is idempotent: revoking again returns the same revokedAt', async () => {
    const user = await newUser();
    const key = await createKey(t, user.token, ['read']);
    const first = await t.gql(REVOKE, { id: key.id }, user.token);
    const second = await t.gql(REVOKE, { id: key.id }, user.token);
    expect(second.errors).toBeUndefined();
    expect(first.data!.revokeApiKey.revokedAt).not.toBeNull();
    expect(second.data!.revokeApiKey.revokedAt).toBe(first.data!.revokeApiKey.revokedAt);
  });

  it('hides revoked keys from apiKeys unless includeRevoked is true', async () => {
    const user = await newUser();
    const kept = await createKey(t, user.token, ['read'], 'kept');
    const gone = await createKey(t, user.token, ['read'], 'gone');
    const revoked = await t.gql(REVOKE, { id: gone.id }, user.token);

    const active = await t.gql(API_KEYS, {}, user.token);
    expect(active.data!.apiKeys.map((k: { id: string }) => k.id)).toEqual([kept.id]);

    const all = await t.gql(API_KEYS_WITH_REVOKED, {}, user.token);
    const byId = new Map(all.data!.apiKeys.map((k: { id: string; revokedAt: string | null }) => [k.id, k.revokedAt]));
    expect([...byId.keys()].sort()).toEqual([kept.id, gone.id].sort());
    expect(byId.get(gone.id)).toBe(revoked.data!.revokeApiKey.revokedAt);
    expect(byId.get(kept.id)).toBeNull();
  });

  it('refuses a malformed id with BAD_USER_INPUT and changes nothing', async () => {
    const user = await newUser();
    const key = await createKey(t, user.token, ['read']);
    for (const id of ['not-a-uuid', `${key.id}x`, "' or 1=1 --"]) {
      const res = await t.gql(REVOKE, { id }, user.token);
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.data).toBeNull();
    }
    expect((await keyRow(key.id)).revoked_at).toBeNull();
  });

  it('answers a well-formed id that does not exist with NOT_FOUND', async () => {
    const user = await newUser();
    const key = await createKey(t, user.token, ['read']);
    const res = await t.gql(REVOKE, { id: '00000000-0000-4000-8000-000000000000' }, user.token);
    expect(errorCode(res)).toBe('NOT_FOUND');
    expect(res.data).toBeNull();
    expect((await keyRow(key.id)).revoked_at).toBeNull();
  });
});

describe('logging', () => {
  it('never writes a key secret, a session token or a password to the log, even at trace level', async () => {
    const probe = `log-probe-${process.pid}-${Date.now()}`;
    let logged: TestApp | undefined;
    let secret = '';
    let prefix = '';
    let token = '';
    let output = '';
    try {
      logged = await startTestApp({ LOG_LEVEL: 'trace' });
      const user = await newUser(logged);
      token = user.token;
      const created = await logged.gql(CREATE_KEY, { input: { name: 'logged', scopes: ['read'] } }, token, { 'x-request-id': probe });
      secret = created.data!.createApiKey.secret;
      prefix = created.data!.createApiKey.apiKey.prefix;
      const id = created.data!.createApiKey.apiKey.id;
      expect((await logged.gql(ME, {}, secret)).data!.me.email).toBe(user.email);
      await logged.gql(API_KEYS, {}, secret);
      await logged.gql(REVOKE, { id }, token);
      expect(errorCode(await logged.gql(ME, {}, secret))).toBe('UNAUTHENTICATED');
      // A wrong password on sign-in is logged as a failed request; the password must still not be.
      await logged.gql(SIGN_IN, { input: { email: user.email, password: `${GOOD_PASSWORD}-wrong` } }, undefined, { 'x-request-id': `${probe}-last` });
      // The last request's line is written when its response ends (after every earlier one's): wait for it, bounded.
      const server = logged;
      const lastLine = () => server.logs().some((line) => (JSON.parse(line) as { req?: { id?: string } }).req?.id === `${probe}-last`);
      for (const deadline = Date.now() + 10_000; !lastLine();) {
        if (Date.now() > deadline) throw new Error('the last request was not logged within 10 s');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      output = logged.logs().join('\n');
    } finally {
      await logged?.stop();
    }
    // The capture works: the request that created the key was logged under the id we sent.
    expect(output).toContain(probe);
    expect(output).toContain(`${probe}-last`);
    expect(secret).toMatch(/^tg_/);
    expect(output).not.toContain(secret);
    expect(output).not.toContain(secret.slice(prefix.length + 1));
    expect(output).not.toContain(token);
    expect(output).not.toContain(GOOD_PASSWORD);
    expect(output).not.toContain(TEST_ADMIN.password);
  });
});
