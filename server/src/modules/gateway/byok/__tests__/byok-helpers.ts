/**
 * What the BYOK test files share: users signing up from addresses of their own (sign-ups are
 * limited per IP), the admin moving them to a tier that allows own keys, the GraphQL operations,
 * and direct reads of the provider_key table (to see what is really stored).
 */
import { errorCode, TEST_ADMIN, type GqlResult, type TestApp } from '../../../../test-support/app.js';
import { withClient } from '../../../../test-support/database.js';
import { recordSecret } from '../../../../test-support/log-capture.js';
import { GOOD_PASSWORD, SIGN_IN, SIGN_UP, uniqueEmail } from '../../../auth/__tests__/helpers.js';

export interface User {
  token: string;
  id: string;
  email: string;
}

export const PROVIDER_KEY_FIELDS = 'id provider last4 keyId createdAt lastUsedAt';
export const PROVIDER_KEYS = `{ providerKeys { ${PROVIDER_KEY_FIELDS} } }`;
export const SET_KEY = `mutation Set($input: SetProviderKeyInput!) { setProviderKey(input: $input) { ${PROVIDER_KEY_FIELDS} } }`;
export const DELETE_KEY = `mutation Delete($id: ID!) { deleteProviderKey(id: $id) { ${PROVIDER_KEY_FIELDS} } }`;
export const REENCRYPT = 'mutation { adminReencryptProviderKeys { currentKeyId reencrypted remaining } }';
const SET_TIER = 'mutation SetTier($userId: ID!, $tier: String!) { adminSetTier(userId: $userId, tier: $tier) { id } }';

/** Realistic-looking keys, unique per call so one test's key cannot show up in another's row. */
let keyCounter = 0;
export function fakeKey(provider = 'openai'): string {
  keyCounter += 1;
  const body = `${process.pid}x${Date.now().toString(36)}x${keyCounter}`.padEnd(40, 'Q');
  const prefix = { openai: 'sk-proj-', anthropic: 'sk-ant-api03-', google: 'AIza', openrouter: 'sk-or-v1-' }[provider] ?? 'key-';
  const key = `${prefix}${body}${String(keyCounter).padStart(4, '0')}`;
  recordSecret(key); // the suite-wide log scan looks for it in every test server's log
  return key;
}

let ipCounter = 0;
/** A new user from an address of its own (loopback is a trusted proxy), on `tier` (set by the admin). */
export async function newUser(t: TestApp, tier: string | null = 'pro'): Promise<User> {
  ipCounter += 1;
  const email = uniqueEmail('byok');
  const ip = `192.0.${2 + Math.floor(ipCounter / 250)}.${ipCounter % 250}`;
  const res = await t.gql(SIGN_UP, { input: { email, password: GOOD_PASSWORD } }, undefined, { 'x-forwarded-for': ip });
  if (!res.data) throw new Error(`sign-up failed: ${JSON.stringify(res.errors)}`);
  const user = { token: res.data.signUp.token, id: res.data.signUp.user.id, email };
  if (tier) await setTier(t, user.id, tier);
  return user;
}

export async function adminToken(t: TestApp): Promise<string> {
  const res = await t.gql(SIGN_IN, { input: TEST_ADMIN });
  if (!res.data) throw new Error(`admin sign-in failed: ${JSON.stringify(res.errors)}`);
  return res.data.signIn.token;
}

export async function setTier(t: TestApp, userId: string, tier: string): Promise<void> {
  await ok(t.gql(SET_TIER, { userId, tier }, await adminToken(t)), 'adminSetTier');
}

/** The data of a request that must succeed. */
export async function ok<T = any>(res: Promise<GqlResult> | GqlResult, field: string): Promise<T> {
  const result = await res;
  if (!result.data || result.errors) throw new Error(`${field} failed: ${JSON.stringify(result.errors)}`);
  return result.data[field] as T;
}

export const setKey = (t: TestApp, user: User, provider: string, apiKey: string) => t.gql(SET_KEY, { input: { provider, apiKey } }, user.token);
export const setKeyOk = (t: TestApp, user: User, provider: string, apiKey: string) => ok(setKey(t, user, provider, apiKey), 'setProviderKey');
export const listKeys = (t: TestApp, user: User) => ok<Array<Record<string, any>>>(t.gql(PROVIDER_KEYS, {}, user.token), 'providerKeys');

export interface StoredKey {
  id: string;
  user_id: string;
  provider: string;
  key_id: string;
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
  last4: string;
  created_at: Date;
  last_used_at: Date | null;
  /** The whole row as text, to search for the key in every column at once. */
  json: string;
}

/** Every provider_key row of a user (all of them when `userId` is null), by provider. */
export const storedKeys = (t: TestApp, userId: string | null): Promise<StoredKey[]> =>
  withClient(
    t.databaseUrl,
    async (c) =>
      (await c.query('select row_to_json(k)::text as json, k.* from provider_key k where $1::uuid is null or user_id = $1 order by provider, id', [userId]))
        .rows,
  );

/** Runs `sql` against the test's database, for tests that need to alter a row by hand. */
export const execute = (t: TestApp, sql: string, params: unknown[] = []) => withClient(t.databaseUrl, async (c) => (await c.query(sql, params)).rows);

/** The request is refused with `code` and leaves the provider_key table as it was. */
export async function expectRefusedUnchanged(t: TestApp, request: () => Promise<GqlResult>, code: string): Promise<GqlResult> {
  const before = await storedKeys(t, null);
  const res = await request();
  if (errorCode(res) !== code) throw new Error(`expected ${code}, got ${JSON.stringify(res.errors ?? res.data)}`);
  if (res.data !== null) throw new Error(`expected no data, got ${JSON.stringify(res.data)}`);
  const after = await storedKeys(t, null);
  if (JSON.stringify(after) !== JSON.stringify(before)) throw new Error('the refused request changed provider_key');
  return res;
}
