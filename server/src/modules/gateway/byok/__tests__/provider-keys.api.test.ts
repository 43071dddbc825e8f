import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyIdOf } from '../../../../platform/crypto.js';
import { errorCode, startTestApp, type TestApp } from '../../../../test-support/app.js';
import { createKey } from '../../../auth/__tests__/helpers.js';
import {
  DELETE_KEY,
  execute,
  expectRefusedUnchanged,
  fakeKey,
  listKeys,
  newUser,
  PROVIDER_KEYS,
  setKey,
  setKeyOk,
  setTier,
  storedKeys,
} from './byok-helpers.js';

// startTestApp's TOLLGATE_ENCRYPTION_KEY.
const TEST_KEY_ID = keyIdOf(Buffer.from('ab'.repeat(32), 'hex'));

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.stop();
});

describe('setProviderKey', () => {
  it('stores the key sealed, not as itself: no column holds the key or any long part of it', async () => {
    const user = await newUser(t);
    const apiKey = fakeKey('anthropic');
    const res = await setKey(t, user, 'anthropic', apiKey);
    expect(res.errors).toBeUndefined();
    expect(JSON.stringify(res)).not.toContain(apiKey.slice(0, -4));
    expect(res.data!.setProviderKey).toMatchObject({ provider: 'anthropic', last4: apiKey.slice(-4), keyId: TEST_KEY_ID, lastUsedAt: null });

    const [row, ...others] = await storedKeys(t, user.id);
    expect(others).toEqual([]);
    expect(row).toMatchObject({ id: res.data!.setProviderKey.id, provider: 'anthropic', key_id: TEST_KEY_ID, last4: apiKey.slice(-4) });
    expect(row!.iv).toHaveLength(12);
    expect(row!.tag).toHaveLength(16);
    for (const part of [apiKey, apiKey.slice(0, 16), apiKey.slice(8, 24), apiKey.slice(-16, -4)]) {
      expect(row!.json).not.toContain(part);
      expect(row!.ciphertext.includes(Buffer.from(part))).toBe(false);
    }
    // And it does open to the key, for the gateway.
    expect(await t.app.services.providerKeys.resolve(user.id, 'anthropic')).toEqual({ id: row!.id, apiKey });
  });

  it('replaces the key for a provider: one row, a new id, the new last four, no use yet', async () => {
    const user = await newUser(t);
    const first = await setKeyOk(t, user, 'openai', fakeKey());
    const google = await setKeyOk(t, user, 'google', fakeKey('google'));
    await t.app.services.providerKeys.resolve(user.id, 'openai');
    const replacement = fakeKey();
    const second = await setKeyOk(t, user, 'openai', `  ${replacement}\n`);
    expect(second.id).not.toBe(first.id);
    expect(second).toMatchObject({ provider: 'openai', last4: replacement.slice(-4), lastUsedAt: null });

    expect((await storedKeys(t, user.id)).map((r) => [r.provider, r.id])).toEqual([
      ['google', google.id],
      ['openai', second.id],
    ]);
    expect(await t.app.services.providerKeys.resolve(user.id, 'openai')).toEqual({ id: second.id, apiKey: replacement });
    // A stale id from before the replacement no longer deletes anything.
    expect(errorCode(await t.gql(DELETE_KEY, { id: first.id }, user.token))).toBe('NOT_FOUND');
    expect(await storedKeys(t, user.id)).toHaveLength(2);
  });

  it('refuses a tier without own keys with TIER_LIMIT_EXCEEDED, writing nothing', async () => {
    for (const tier of ['free', 'starter']) {
      const user = await newUser(t, tier);
      const res = await expectRefusedUnchanged(t, () => setKey(t, user, 'openai', fakeKey()), 'TIER_LIMIT_EXCEEDED');
      expect(res.errors![0]!.message).toMatch(/tier does not allow your own provider keys/);
    }
  });

  it.each([
    ['sandbox', 'provider'],
    ['OpenAI', 'provider'],
    ['', 'provider'],
    ['mistral', 'provider'],
  ])('refuses provider %j with BAD_USER_INPUT on the provider field, writing nothing', async (provider, field) => {
    const user = await newUser(t);
    const res = await expectRefusedUnchanged(t, () => setKey(t, user, provider, fakeKey()), 'BAD_USER_INPUT');
    expect(res.errors![0]!.extensions).toMatchObject({ field });
  });

  it.each([
    ['too short', 'sk-short-123'],
    ['empty', ''],
    ['only whitespace', ' '.repeat(30)],
    ['too long', `sk-${'a'.repeat(600)}`],
    ['a space inside', 'sk-proj-abcdefghij klmnopqrstuvwxyz'],
    ['a newline inside', 'sk-proj-abcdefghij\nklmnopqrstuvwxyz'],
    ['quotes', 'sk-proj-"abcdefghijklmnopqrstuvwxyz"'],
    ['non-ASCII', 'sk-proj-abcdéfghijklmnopqrstuvwxyz'],
  ])('refuses a key that is %s with BAD_USER_INPUT, writing nothing and not repeating it', async (_name, apiKey) => {
    const user = await newUser(t);
    const res = await expectRefusedUnchanged(t, () => setKey(t, user, 'openai', apiKey), 'BAD_USER_INPUT');
    expect(res.errors![0]!.extensions).toMatchObject({ field: 'apiKey' });
    if (apiKey.trim()) expect(res.errors![0]!.message).not.toContain(apiKey.trim());
  });

  it('checks the input before the tier, so a free user with a bad provider hears about the provider', async () => {
    const user = await newUser(t, 'free');
    await expectRefusedUnchanged(t, () => setKey(t, user, 'sandbox', fakeKey()), 'BAD_USER_INPUT');
  });
});

describe('providerKeys', () => {
  it("lists only the caller's keys, by provider, each by its last four: the answer never holds a key", async () => {
    const user = await newUser(t);
    const other = await newUser(t);
    const keys = { openrouter: fakeKey('openrouter'), anthropic: fakeKey('anthropic') };
    await setKeyOk(t, user, 'openrouter', keys.openrouter);
    await setKeyOk(t, user, 'anthropic', keys.anthropic);
    await setKeyOk(t, other, 'openai', fakeKey());

    const res = await t.gql(PROVIDER_KEYS, {}, user.token);
    const list = res.data!.providerKeys;
    expect(list.map((k: Record<string, unknown>) => [k.provider, k.last4, k.keyId])).toEqual([
      ['anthropic', keys.anthropic.slice(-4), TEST_KEY_ID],
      ['openrouter', keys.openrouter.slice(-4), TEST_KEY_ID],
    ]);
    for (const key of Object.values(keys)) expect(JSON.stringify(res)).not.toContain(key.slice(0, -4));
    expect(errorCode(await t.gql('{ providerKeys { id apiKey } }', {}, user.token))).toBe('BAD_USER_INPUT');
    expect(await listKeys(t, await newUser(t))).toEqual([]);
  });

  it('shows when a key was last used, recorded at most once a minute', async () => {
    const user = await newUser(t);
    const set = await setKeyOk(t, user, 'google', fakeKey('google'));
    expect(await t.app.services.providerKeys.resolve(user.id, 'google')).toMatchObject({ id: set.id });
    const firstUse = await waitForLastUse(user.id);
    expect(new Date((await listKeys(t, user))[0]!.lastUsedAt).getTime()).toBe(firstUse.getTime());

    // Backdate the use by 30 seconds: another call inside the minute does not move it.
    await execute(t, `update provider_key set last_used_at = now() - interval '30 seconds' where user_id = $1`, [user.id]);
    const backdated = (await storedKeys(t, user.id))[0]!.last_used_at!;
    await t.app.services.providerKeys.resolve(user.id, 'google');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await storedKeys(t, user.id))[0]!.last_used_at).toEqual(backdated);
  });

  it('still lists (and deletes) a key after the user moves to a tier without own keys', async () => {
    const user = await newUser(t);
    const set = await setKeyOk(t, user, 'openai', fakeKey());
    await setTier(t, user.id, 'free');
    expect((await listKeys(t, user)).map((k) => k.id)).toEqual([set.id]);
    expect((await t.gql(DELETE_KEY, { id: set.id }, user.token)).data!.deleteProviderKey.id).toBe(set.id);
  });
});

describe('deleteProviderKey', () => {
  it("deletes the caller's key and answers it; the gateway then finds none", async () => {
    const user = await newUser(t);
    const keep = await setKeyOk(t, user, 'anthropic', fakeKey('anthropic'));
    const gone = await setKeyOk(t, user, 'openai', fakeKey());
    const res = await t.gql(DELETE_KEY, { id: gone.id }, user.token);
    expect(res.errors).toBeUndefined();
    expect(res.data!.deleteProviderKey).toEqual(gone);
    expect((await storedKeys(t, user.id)).map((r) => r.id)).toEqual([keep.id]);
    expect(await t.app.services.providerKeys.resolve(user.id, 'openai')).toBeNull();
    expect(errorCode(await t.gql(DELETE_KEY, { id: gone.id }, user.token))).toBe('NOT_FOUND');
  });

  it("answers NOT_FOUND for another user's key (and leaves it), an unknown id and a malformed one", async () => {
    const owner = await newUser(t);
    const intruder = await newUser(t);
    const key = await setKeyOk(t, owner, 'openai', fakeKey());
    await expectRefusedUnchanged(t, () => t.gql(DELETE_KEY, { id: key.id }, intruder.token), 'NOT_FOUND');
    await expectRefusedUnchanged(t, () => t.gql(DELETE_KEY, { id: '00000000-0000-4000-8000-000000000000' }, owner.token), 'NOT_FOUND');
    await expectRefusedUnchanged(t, () => t.gql(DELETE_KEY, { id: 'not-a-uuid' }, owner.token), 'NOT_FOUND');
    expect((await storedKeys(t, owner.id)).map((r) => r.id)).toEqual([key.id]);
  });
});

describe('who may manage keys', () => {
  it('needs a credential for every operation', async () => {
    expect(errorCode(await t.gql(PROVIDER_KEYS))).toBe('UNAUTHENTICATED');
    await expectRefusedUnchanged(t, () => t.gql(DELETE_KEY, { id: '00000000-0000-4000-8000-000000000000' }), 'UNAUTHENTICATED');
    const user = await newUser(t);
    await expectRefusedUnchanged(t, () => setKey(t, { ...user, token: '' }, 'openai', fakeKey()), 'UNAUTHENTICATED');
  });

  it('lets an API key with the read scope list, but only a signed-in session set or delete', async () => {
    const user = await newUser(t);
    const set = await setKeyOk(t, user, 'openai', fakeKey());
    const reader = await createKey(t, user.token, ['read', 'completions']);
    const writer = await createKey(t, user.token, ['completions']);

    expect((await t.gql(PROVIDER_KEYS, {}, reader.secret)).data!.providerKeys.map((k: { id: string }) => k.id)).toEqual([set.id]);
    expect(errorCode(await t.gql(PROVIDER_KEYS, {}, writer.secret))).toBe('FORBIDDEN');
    await expectRefusedUnchanged(t, () => setKey(t, { ...user, token: reader.secret }, 'anthropic', fakeKey('anthropic')), 'FORBIDDEN');
    await expectRefusedUnchanged(t, () => t.gql(DELETE_KEY, { id: set.id }, reader.secret), 'FORBIDDEN');
  });
});

describe('resolve (for the gateway)', () => {
  it('answers null for a user without a key, the sandbox, unknown providers and malformed user ids', async () => {
    const user = await newUser(t);
    await setKeyOk(t, user, 'openai', fakeKey());
    const keys = t.app.services.providerKeys;
    expect(await keys.resolve(user.id, 'anthropic')).toBeNull();
    expect(await keys.resolve(user.id, 'sandbox')).toBeNull();
    expect(await keys.resolve(user.id, 'nope')).toBeNull();
    expect(await keys.resolve('not-a-uuid', 'openai')).toBeNull();
    expect(await keys.resolve((await newUser(t)).id, 'openai')).toBeNull();
  });

  it("refuses a ciphertext copied onto another user's row (PROVIDER_UNAVAILABLE) rather than using it", async () => {
    const victim = await newUser(t);
    const thief = await newUser(t);
    await setKeyOk(t, victim, 'openai', fakeKey());
    await setKeyOk(t, thief, 'openai', fakeKey());
    await execute(
      t,
      `update provider_key t set iv = v.iv, ciphertext = v.ciphertext, tag = v.tag, key_id = v.key_id
       from provider_key v where v.user_id = $1 and v.provider = 'openai' and t.user_id = $2 and t.provider = 'openai'`,
      [victim.id, thief.id],
    );
    await expect(t.app.services.providerKeys.resolve(thief.id, 'openai')).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
    // The same bytes moved to another provider of the same user fail too.
    await setKeyOk(t, victim, 'google', fakeKey('google'));
    await execute(
      t,
      `update provider_key g set iv = o.iv, ciphertext = o.ciphertext, tag = o.tag
       from provider_key o where o.user_id = $1 and o.provider = 'openai' and g.user_id = $1 and g.provider = 'google'`,
      [victim.id],
    );
    await expect(t.app.services.providerKeys.resolve(victim.id, 'google')).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
  });
});

async function waitForLastUse(userId: string): Promise<Date> {
  // The use is recorded without making the gateway wait for it, so poll briefly.
  for (let i = 0; i < 50; i += 1) {
    const at = (await storedKeys(t, userId))[0]?.last_used_at;
    if (at) return at;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('last_used_at was never recorded');
}
