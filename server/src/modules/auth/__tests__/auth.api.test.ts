import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { errorCode, startTestApp, TEST_ADMIN, TEST_JWT_SECRET, type TestApp } from '../../../test-support/app.js';
import { withClient } from '../../../test-support/database.js';
import { GOOD_PASSWORD, SIGN_IN, SIGN_UP, signUp, uniqueEmail } from './helpers.js';

const ME = '{ me { id email role tier { code } } }';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.stop();
});

const countUsers = () => withClient(t.databaseUrl, async (c) => Number((await c.query('select count(*) from app_user')).rows[0].count));

describe('signUp', () => {
  it('creates a user on the free tier and returns a working session', async () => {
    const email = uniqueEmail();
    const res = await t.gql(SIGN_UP, { input: { email: `  ${email.toUpperCase()} `, password: GOOD_PASSWORD } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.signUp.user).toMatchObject({ email, role: 'user', tier: { code: 'free' } });
    expect(new Date(res.data!.signUp.expiresAt).getTime()).toBeGreaterThan(Date.now());
    const me = await t.gql(ME, {}, res.data!.signUp.token);
    expect(me.data!.me.email).toBe(email);
  });

  it('stores an argon2id hash, never the password', async () => {
    const { email } = await signUp(t);
    const hash = await withClient(
      t.databaseUrl,
      async (c) => (await c.query('select password_hash from app_user where email = $1', [email])).rows[0].password_hash,
    );
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(hash).not.toContain(GOOD_PASSWORD);
  });

  it.each([
    ['a duplicate email (any case)', 'dup', GOOD_PASSWORD, 'email'],
    ['a malformed email', 'not-an-email', GOOD_PASSWORD, 'email'],
    ['a weak password', 'fresh', 'short1', 'password'],
    ['a password without digits or symbols', 'fresh', 'onlyletterspassword', 'password'],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_name, kind, password, field) => {
    const existing = uniqueEmail('dup');
    if (kind === 'dup') await signUp(t, existing);
    const email = kind === 'dup' ? existing.toUpperCase() : kind === 'fresh' ? uniqueEmail() : kind;
    const before = await countUsers();
    const res = await t.gql(SIGN_UP, { input: { email, password } });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.extensions!.field).toBe(field);
    expect(res.data).toBeNull();
    expect(await countUsers()).toBe(before);
  });
});

describe('signIn', () => {
  it('signs in with the right password, whatever the email case', async () => {
    const { email, id } = await signUp(t);
    const res = await t.gql(SIGN_IN, { input: { email: email.toUpperCase(), password: GOOD_PASSWORD } });
    expect(res.data!.signIn.user.id).toBe(id);
  });

  it('answers a wrong password and an unknown email alike, with UNAUTHENTICATED', async () => {
    const { email } = await signUp(t);
    const wrong = await t.gql(SIGN_IN, { input: { email, password: 'wrong-password-1' } });
    const unknown = await t.gql(SIGN_IN, { input: { email: uniqueEmail('ghost'), password: GOOD_PASSWORD } });
    expect(errorCode(wrong)).toBe('UNAUTHENTICATED');
    expect(errorCode(unknown)).toBe('UNAUTHENTICATED');
    expect(wrong.errors![0]!.message).toBe(unknown.errors![0]!.message);
  });

  it('rate limits guesses per email, with retryAfterSeconds, even for the right password', async () => {
    const { email } = await signUp(t);
    for (let i = 0; i < 10; i++) {
      expect(errorCode(await t.gql(SIGN_IN, { input: { email, password: `wrong-password-${i}` } }))).toBe('UNAUTHENTICATED');
    }
    const limited = await t.gql(SIGN_IN, { input: { email, password: GOOD_PASSWORD } });
    expect(errorCode(limited)).toBe('RATE_LIMITED');
    expect(limited.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('rate limits sign-in attempts per IP address across emails', async () => {
    const ip = { 'x-forwarded-for': '203.0.113.9' };
    const codes: string[] = [];
    for (let i = 0; i < 51; i++) {
      codes.push(errorCode(await t.gql(SIGN_IN, { input: { email: uniqueEmail('spray'), password: 'wrong-password-1' } }, undefined, ip))!);
    }
    expect(codes.slice(0, 50).every((c) => c === 'UNAUTHENTICATED')).toBe(true);
    expect(codes[50]).toBe('RATE_LIMITED');
    // Another address is unaffected.
    const other = await t.gql(SIGN_IN, { input: { email: uniqueEmail('spray'), password: 'wrong-password-1' } }, undefined, {
      'x-forwarded-for': '203.0.113.10',
    });
    expect(errorCode(other)).toBe('UNAUTHENTICATED');
  });
});

describe('sessions', () => {
  it('refuses me without credentials', async () => {
    expect(errorCode(await t.gql(ME))).toBe('UNAUTHENTICATED');
  });

  it('refuses an expired token', async () => {
    const { id } = await signUp(t);
    const past = Math.floor(Date.now() / 1000) - 3600;
    const expired = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(id)
      .setIssuer('tollgate')
      .setAudience('tollgate')
      .setIssuedAt(past - 60)
      .setExpirationTime(past)
      .sign(new TextEncoder().encode(TEST_JWT_SECRET));
    const res = await t.gql(ME, {}, expired);
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
    expect(res.errors![0]!.message).toMatch(/expired/i);
  });

  it('refuses a tampered token and one signed with another secret', async () => {
    const { token, id } = await signUp(t);
    const [header, , signature] = token.split('.');
    const otherPayload = Buffer.from(JSON.stringify({ sub: id, role: 'admin', iss: 'tollgate', aud: 'tollgate', exp: 4102444800 })).toString('base64url');
    expect(errorCode(await t.gql(ME, {}, `${header}.${otherPayload}.${signature}`))).toBe('UNAUTHENTICATED');
    const forged = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(id)
      .setIssuer('tollgate')
      .setAudience('tollgate')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('x'.repeat(40)));
    expect(errorCode(await t.gql(ME, {}, forged))).toBe('UNAUTHENTICATED');
  });

  it('still serves public operations when a bad token is sent', async () => {
    const res = await t.gql(SIGN_UP, { input: { email: uniqueEmail(), password: GOOD_PASSWORD } }, 'garbage.token.here');
    expect(res.errors).toBeUndefined();
  });
});

describe('admin bootstrap', () => {
  it('creates the configured admin, who can sign in with the configured password', async () => {
    const res = await t.gql(SIGN_IN, { input: TEST_ADMIN });
    expect(res.data!.signIn.user).toMatchObject({ email: TEST_ADMIN.email, role: 'admin' });
  });

  it('restores the admin role and password at the next start', async () => {
    await withClient(t.databaseUrl, (c) => c.query(`update app_user set role = 'user', password_hash = 'x' where email = $1`, [TEST_ADMIN.email]));
    const second = await startTestApp({}, { databaseUrl: t.databaseUrl });
    try {
      const res = await second.gql(SIGN_IN, { input: TEST_ADMIN });
      expect(res.data!.signIn.user.role).toBe('admin');
    } finally {
      await second.stop();
    }
  });
});
