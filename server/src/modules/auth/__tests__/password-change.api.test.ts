import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from '../../../test-support/app.js';
import { ok } from '../../gateway/__tests__/support.js';
import { createKey, GOOD_PASSWORD, SIGN_IN, signUp, uniqueEmail } from './helpers.js';
import { CHANGE, field, mailsTo, ME, NEW_PASSWORD, nthMail, storedState } from './password-support.js';

/**
 * Password change on two servers sharing PostgreSQL and Redis: the change is made on A, and every
 * other session of the user is refused by B (whose principal cache had them warm) from its next
 * request; the session that changed the password goes on with the token it was given.
 */
const redisUrl = inject('redisUrl');
let a: TestApp;
let b: TestApp;

beforeAll(async () => {
  if (!redisUrl) return;
  const env = { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: `t-password-${process.pid}-${randomUUID().slice(0, 8)}:` };
  a = await startTestApp(env);
  b = await startTestApp(env, { databaseUrl: a.databaseUrl });
});
afterAll(async () => {
  await b?.stop();
  await a?.stop();
});

const signIn = (t: TestApp, email: string, password: string) => t.gql(SIGN_IN, { input: { email, password } });

describe.skipIf(!redisUrl)('changePassword', () => {
  it('ends every other session on both servers, keeps the caller signed in, and mails a notice', async () => {
    const user = await signUp(a, uniqueEmail('change'));
    const other = ok(await signIn(b, user.email, GOOD_PASSWORD), 'signIn').token;
    const key = (await createKey(a, user.token, ['read'])).secret;
    // Both sessions are warm in B's principal cache before the change.
    expect(ok(await b.gql(ME, {}, user.token), 'me').email).toBe(user.email);
    expect(ok(await b.gql(ME, {}, other), 'me').email).toBe(user.email);

    const changed = ok(await a.gql(CHANGE, { input: { currentPassword: GOOD_PASSWORD, newPassword: NEW_PASSWORD } }, user.token), 'changePassword');
    expect(changed.user.email).toBe(user.email);

    for (const t of [b, a]) {
      for (const old of [user.token, other]) {
        const res = await t.gql(ME, {}, old);
        expect(errorCode(res)).toBe('UNAUTHENTICATED');
        expect(res.data).toBeNull();
      }
      expect(ok(await t.gql(ME, {}, changed.token), 'me').email).toBe(user.email);
    }
    // API keys are not sessions: an integration keeps working through a password change.
    expect(ok(await b.gql(ME, {}, key), 'me').email).toBe(user.email);

    expect(errorCode(await signIn(a, user.email, GOOD_PASSWORD))).toBe('UNAUTHENTICATED');
    const again = ok(await signIn(b, user.email, NEW_PASSWORD), 'signIn').token;
    expect(ok(await a.gql(ME, {}, again), 'me').email).toBe(user.email);

    const notice = await nthMail(a, user.email, 'password_changed');
    expect(notice.subject).toMatch(/password was changed/i);
  });

  it('refuses a wrong current password (BAD_USER_INPUT on currentPassword) and writes nothing', async () => {
    const user = await signUp(a, uniqueEmail('wrong'));
    const before = await storedState(a, user.id);
    const res = await a.gql(CHANGE, { input: { currentPassword: 'not-my-password-9', newPassword: NEW_PASSWORD } }, user.token);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(field(res)).toBe('currentPassword');
    expect(res.data).toBeNull();
    expect(await storedState(a, user.id)).toEqual(before);
    // The session that tried is still valid.
    expect(ok(await b.gql(ME, {}, user.token), 'me').email).toBe(user.email);
    expect(await mailsTo(a, user.email)).toEqual([]);
  });

  it('applies the sign-up password rules to the new password, and refuses the same password again', async () => {
    const user = await signUp(a, uniqueEmail('weak'));
    const before = await storedState(a, user.id);
    for (const newPassword of ['short1', 'password123', GOOD_PASSWORD]) {
      const res = await a.gql(CHANGE, { input: { currentPassword: GOOD_PASSWORD, newPassword } }, user.token);
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(field(res)).toBe('newPassword');
    }
    expect(await storedState(a, user.id)).toEqual(before);
  });

  it('needs a signed-in session: an API key and no credential are refused', async () => {
    const user = await signUp(a, uniqueEmail('bykey'));
    const key = (await createKey(a, user.token, ['completions', 'read'])).secret;
    const before = await storedState(a, user.id);
    const input = { currentPassword: GOOD_PASSWORD, newPassword: NEW_PASSWORD };
    expect(errorCode(await a.gql(CHANGE, { input }, key))).toBe('FORBIDDEN');
    expect(errorCode(await a.gql(CHANGE, { input }))).toBe('UNAUTHENTICATED');
    expect(await storedState(a, user.id)).toEqual(before);
  });

  it('is rate limited per user like sign-in, with a wait people can read', async () => {
    const user = await signUp(a, uniqueEmail('guess'));
    for (let i = 0; i < 10; i += 1) {
      const res = await (i % 2 ? a : b).gql(CHANGE, { input: { currentPassword: `guess-number-${i}`, newPassword: NEW_PASSWORD } }, user.token);
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
    }
    const limited = await a.gql(CHANGE, { input: { currentPassword: GOOD_PASSWORD, newPassword: NEW_PASSWORD } }, user.token);
    expect(errorCode(limited)).toBe('RATE_LIMITED');
    expect(limited.errors?.[0]?.message).toMatch(/try again in \d+ minutes?$/);
    expect(ok(await signIn(a, user.email, GOOD_PASSWORD), 'signIn').user.email).toBe(user.email);
  });
});

describe.skipIf(!redisUrl)('sign-in lockout', () => {
  it('says how long to wait in minutes, not seconds', async () => {
    const user = await signUp(a, uniqueEmail('lockout'));
    for (let i = 0; i < 10; i += 1) expect(errorCode(await signIn(a, user.email, `wrong-password-${i}`))).toBe('UNAUTHENTICATED');
    const res = await signIn(a, user.email, GOOD_PASSWORD);
    expect(errorCode(res)).toBe('RATE_LIMITED');
    expect(res.errors?.[0]?.message).toMatch(/^Too many sign-in attempts; try again in 1[45] minutes$/);
    expect(res.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
  });
});
