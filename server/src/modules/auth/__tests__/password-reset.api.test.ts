import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from '../../../test-support/app.js';
import { ok, signInAdmin } from '../../gateway/__tests__/support.js';
import { SIGN_IN, signUp, uniqueEmail } from './helpers.js';
import { field, mailsTo, ME, NEW_PASSWORD, nthMail, REQUEST, RESET, resetToken, sql, storedState } from './password-support.js';

/**
 * "Forgot password" on two servers sharing PostgreSQL and Redis: the link is asked for on one, used
 * on the other; it works once, ends every older session on both, and the answer to a request never
 * tells whether the address has an account.
 */
const redisUrl = inject('redisUrl');
let a: TestApp;
let b: TestApp;

beforeAll(async () => {
  if (!redisUrl) return;
  const env = { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: `t-reset-${process.pid}-${randomUUID().slice(0, 8)}:`, PUBLIC_URL: 'https://tollgate.example' };
  a = await startTestApp(env);
  b = await startTestApp(env, { databaseUrl: a.databaseUrl });
});
afterAll(async () => {
  await b?.stop();
  await a?.stop();
});

const request = async (t: TestApp, email: string) => ok(await t.gql(REQUEST, { email }), 'requestPasswordReset');
const reset = (t: TestApp, token: string, newPassword = NEW_PASSWORD) => t.gql(RESET, { input: { token, newPassword } });
const INVALID = /invalid, expired or already used/;

describe.skipIf(!redisUrl)('password reset', () => {
  it('mails a single-use link; using it signs in and ends every older session on both servers', async () => {
    const user = await signUp(a, uniqueEmail('reset'));
    expect(ok(await b.gql(ME, {}, user.token), 'me').email).toBe(user.email);

    expect(await request(a, user.email.toUpperCase())).toBe(true);
    const mail = await nthMail(a, user.email, 'password_reset');
    expect(mail.text).toContain('https://tollgate.example/reset-password?token=');
    const token = resetToken(mail);

    // A weak password is refused before the link is used: the link still works afterwards.
    const weak = await reset(b, token, 'short1');
    expect(errorCode(weak)).toBe('BAD_USER_INPUT');
    expect(field(weak)).toBe('newPassword');

    const done = ok(await reset(b, token), 'resetPassword');
    expect(done.user.email).toBe(user.email);
    for (const t of [a, b]) {
      expect(errorCode(await t.gql(ME, {}, user.token))).toBe('UNAUTHENTICATED');
      expect(ok(await t.gql(ME, {}, done.token), 'me').email).toBe(user.email);
    }
    expect(ok(await a.gql(SIGN_IN, { input: { email: user.email, password: NEW_PASSWORD } }), 'signIn').user.email).toBe(user.email);
    await nthMail(a, user.email, 'password_changed');

    const before = await storedState(a, user.id);
    const again = await reset(a, token, 'another-secret-77');
    expect(errorCode(again)).toBe('BAD_USER_INPUT');
    expect(field(again)).toBe('token');
    expect(again.errors?.[0]?.message).toMatch(INVALID);
    expect(await storedState(a, user.id)).toEqual(before);
  });

  it('answers an unknown address exactly as a known one, and mails nothing to it', async () => {
    const known = await signUp(a, uniqueEmail('known'));
    const unknown = uniqueEmail('nobody');
    const answers = [await a.gql(REQUEST, { email: unknown }), await a.gql(REQUEST, { email: known.email })];
    expect(answers[0]).toEqual(answers[1]);
    // The known address's mail has gone out; the unknown one never had one (nor a stored link).
    await nthMail(a, known.email, 'password_reset');
    expect(await mailsTo(a, unknown)).toEqual([]);
  });

  it('refuses an unknown, an expired and a replaced link with a readable reason, writing nothing', async () => {
    const user = await signUp(a, uniqueEmail('expired'));
    expect(errorCode(await reset(a, 'not-a-real-token'))).toBe('BAD_USER_INPUT');
    expect(errorCode(await reset(a, ''))).toBe('BAD_USER_INPUT');

    await request(a, user.email);
    const first = resetToken(await nthMail(a, user.email, 'password_reset', 1));
    await request(b, user.email);
    const second = resetToken(await nthMail(a, user.email, 'password_reset', 2));
    const before = await storedState(a, user.id);
    expect(before.resets).toBe(1);
    const replaced = await reset(a, first);
    expect(replaced.errors?.[0]?.message).toMatch(INVALID);

    await sql(a, `update password_reset set expires_at = now() - interval '1 second' where user_id = $1`, [user.id]);
    const expired = await reset(b, second);
    expect(errorCode(expired)).toBe('BAD_USER_INPUT');
    expect(expired.errors?.[0]?.message).toMatch(INVALID);
    expect(await storedState(a, user.id)).toEqual(before);
    expect(ok(await a.gql(ME, {}, user.token), 'me').email).toBe(user.email);
  });

  it('does not reset a suspended account into a session', async () => {
    const user = await signUp(a, uniqueEmail('suspended'));
    await request(a, user.email);
    const token = resetToken(await nthMail(a, user.email, 'password_reset'));
    const admin = await signInAdmin(a);
    const suspend = 'mutation($u: ID!, $r: String!) { adminSuspendUser(userId: $u, reason: $r) { id } }';
    ok(await a.gql(suspend, { u: user.id, r: 'reset test' }, admin), 'adminSuspendUser');
    const before = await storedState(a, user.id);

    const res = await reset(b, token);
    expect(errorCode(res)).toBe('FORBIDDEN');
    expect(res.errors?.[0]?.extensions?.reason).toBe('ACCOUNT_SUSPENDED');
    expect(await storedState(a, user.id)).toEqual(before);
    // Asking again while suspended sends no new link.
    expect(await request(a, user.email)).toBe(true);
    expect((await mailsTo(a, user.email)).filter((m) => m.kind === 'password_reset')).toHaveLength(1);
  });

  it('limits requests per address, known or not, the same way', async () => {
    const known = (await signUp(a, uniqueEmail('flood'))).email;
    const unknown = uniqueEmail('flood-nobody');
    for (const email of [known, unknown]) {
      for (let i = 0; i < 3; i += 1) expect(await request(i % 2 ? a : b, email)).toBe(true);
      const limited = await a.gql(REQUEST, { email });
      expect(errorCode(limited)).toBe('RATE_LIMITED');
      expect(limited.errors?.[0]?.message).toMatch(/; try again in (1 hour|\d+ minutes?)$/);
    }
    expect(errorCode(await a.gql(REQUEST, { email: 'not an address' }))).toBe('BAD_USER_INPUT');
  });
});
