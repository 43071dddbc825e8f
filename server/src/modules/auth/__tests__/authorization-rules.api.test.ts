import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from '../../../test-support/app.js';
import { ledgerAudit, keyFor, newUser, signInAdmin, type User } from '../../gateway/__tests__/support.js';
import type { Principal } from '../principal.js';
import { anyOf, keyScope, selfOrAdmin, unmetRequirement } from '../requirements.js';

/**
 * The any-of rule of the auth checker (docs/decisions/0042-authorization-in-one-place.md): a field
 * accepts any one of several scopes or a session; neither answers FORBIDDEN, as the inline checks
 * it replaced did, with the same messages. The rules first as pure functions, then through the API.
 */
const PRICES = '{ servicePrices { service } }';
const TRACK = 'mutation($i: TrackUsageInput!) { trackUsage(input: $i) { id } }';
const PRICES_REFUSED = 'This API key needs the "read" or "service" scope';
const TRACK_REFUSED = 'trackUsage needs an admin, or an API key with the "service" scope';

const principal = (over: Partial<Principal>): Principal => ({
  userId: 'u1',
  email: 'u1@x.test',
  role: 'user',
  via: 'apiKey',
  scopes: [],
  accountId: 'u1',
  team: null,
  ...over,
});

describe('requirements (pure)', () => {
  const prices = anyOf(['read', 'service', keyScope('admin')], PRICES_REFUSED);
  const track = anyOf(['admin', keyScope('service')], TRACK_REFUSED);

  it("anyOf: a key with either scope passes, a key with neither gets the rule's message, a session passes", () => {
    expect(unmetRequirement(principal({ scopes: ['read'] }), [prices])).toBeNull();
    expect(unmetRequirement(principal({ scopes: ['service'] }), [prices])).toBeNull();
    expect(unmetRequirement(principal({ scopes: ['admin'] }), [prices])).toBeNull(); // whatever the owner's role, as before
    expect(unmetRequirement(principal({ scopes: ['completions'] }), [prices])).toBe(PRICES_REFUSED);
    expect(unmetRequirement(principal({ via: 'session' }), [prices])).toBeNull();
  });

  it('keyScope: only a key carrying the scope, never a plain session; admin needs the role (and, for a key, the scope)', () => {
    expect(unmetRequirement(principal({ scopes: ['service'] }), [track])).toBeNull();
    expect(unmetRequirement(principal({ via: 'session' }), [track])).toBe(TRACK_REFUSED);
    expect(unmetRequirement(principal({ via: 'session', role: 'admin' }), [track])).toBeNull();
    expect(unmetRequirement(principal({ role: 'admin', scopes: ['read'] }), [track])).toBe(TRACK_REFUSED);
    expect(unmetRequirement(principal({ role: 'admin', scopes: ['admin'] }), [track])).toBeNull();
  });

  it('selfOrAdmin: another account named in the argument needs the admin role; absent or own passes', () => {
    const watch = selfOrAdmin('userId', 'Only an admin may watch another account');
    expect(unmetRequirement(principal({ scopes: ['read'] }), ['read', watch], {})).toBeNull();
    expect(unmetRequirement(principal({ scopes: ['read'] }), ['read', watch], { userId: 'u1' })).toBeNull();
    expect(unmetRequirement(principal({ scopes: ['read'] }), ['read', watch], { userId: 'u2' })).toBe('Only an admin may watch another account');
    expect(unmetRequirement(principal({ scopes: ['completions'] }), ['read', watch], { userId: 'u2' })).toBe('This API key lacks the "read" scope'); // in order
    expect(unmetRequirement(principal({ via: 'session', role: 'admin' }), ['read', watch], { userId: 'u2' })).toBeNull();
  });

  it('an empty anyOf is a programming error, not a rule that refuses everyone', () => {
    expect(() => anyOf([])).toThrow();
  });
});

describe('anyOf through the API', () => {
  let t: TestApp;
  let admin: string;
  let user: User;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await signInAdmin(t);
    user = await newUser(t, admin, 'anyof');
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('servicePrices: a key with "read" or with "service" passes, a session passes; a key with neither → FORBIDDEN, no one → UNAUTHENTICATED', async () => {
    for (const scopes of [['read'], ['service'], ['read', 'service']]) {
      const res = await t.gql(PRICES, {}, (await keyFor(t, user, scopes)).secret);
      expect(res.errors, scopes.join('+')).toBeUndefined();
      expect(res.data!.servicePrices.length).toBeGreaterThan(0);
    }
    expect((await t.gql(PRICES, {}, user.token)).errors).toBeUndefined();
    const refused = await t.gql(PRICES, {}, (await keyFor(t, user, ['completions'])).secret);
    expect(errorCode(refused)).toBe('FORBIDDEN');
    expect(refused.errors![0]!.message).toBe(PRICES_REFUSED);
    expect(refused.data?.servicePrices ?? null).toBeNull();
    expect(errorCode(await t.gql(PRICES, {}))).toBe('UNAUTHENTICATED');
  });

  it('trackUsage: a user\'s session or a key without "service" → FORBIDDEN with the same message; a service key gets past authorization', async () => {
    const bad = { i: { service: 'tts', units: 0, idempotencyKey: 'anyof-test' } }; // past the checker, refused as input: nothing charged
    for (const token of [user.token, (await keyFor(t, user, ['completions', 'read'])).secret]) {
      const res = await t.gql(TRACK, bad, token);
      expect(errorCode(res)).toBe('FORBIDDEN');
      expect(res.errors![0]!.message).toBe(TRACK_REFUSED);
    }
    expect(errorCode(await t.gql(TRACK, bad, (await keyFor(t, user, ['service'])).secret))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(TRACK, bad, admin))).toBe('BAD_USER_INPUT');
    expect((await ledgerAudit(t, admin)).violations).toEqual([]);
  });
});
