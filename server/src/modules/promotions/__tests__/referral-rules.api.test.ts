import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from '../../../test-support/app.js';
import { GOOD_PASSWORD, SIGN_IN } from '../../auth/__tests__/helpers.js';
import { ledgerAudit, ok, signInAdmin } from '../../gateway/__tests__/support.js';
import { packageWithBonus, redisEnv, type Package } from '../../billing/__tests__/billing-support.js';
import { bonuses, freshDomain, freshIp, member, pay, PUBLIC_URL, REFERRAL, referralOf, REPORT, reportRow, setSettings, trySignUp } from './referral-support.js';

const count = async (t: TestApp, sql: string, params: unknown[] = []) => Number((await t.app.sql.query(sql, params))[0]!.n);

describe('referral rules: refusals, flags, bad codes, access', () => {
  let t: TestApp;
  let admin: string;
  let pkg: Package;

  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_URL, ...redisEnv('referral-rules') });
    admin = await signInAdmin(t);
    pkg = await packageWithBonus(t, admin);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('refuses self-referral (the same mailbox under a +tag) and pays nothing on its payment', async () => {
    const domain = freshDomain('self');
    const ann = await member(t, `ann@${domain}`);
    const { code } = await referralOf(t, ann);
    const alias = await member(t, `ann+second@${domain}`, code);
    expect(await reportRow(t, admin, alias.email)).toMatchObject({ status: 'REFUSED', refusedReason: 'SELF_REFERRAL' });
    await pay(t, alias, pkg.code);
    expect(await bonuses(t, alias)).toEqual([]);
    expect(await bonuses(t, ann)).toEqual([]);
    expect(await referralOf(t, ann)).toMatchObject({ referredCount: 1, rewardedCount: 0, earnedCredits: '0.000000' });
  });

  it('refuses one e-mail domain when the admin blocks it, allows it (flagged) when not; public mail domains never count', async () => {
    const domain = freshDomain('corp');
    const boss = await member(t, `boss@${domain}`);
    const { code } = await referralOf(t, boss);
    await setSettings(t, admin, { referralBlockSameDomain: true });
    try {
      const blocked = await member(t, `clerk@${domain}`, code);
      expect(await reportRow(t, admin, blocked.email)).toMatchObject({
        status: 'REFUSED',
        refusedReason: 'SAME_DOMAIN',
        flagged: true,
        flagReasons: ['SAME_EMAIL_DOMAIN'],
      });
      await pay(t, blocked, pkg.code);
      expect(await bonuses(t, blocked)).toEqual([]);
      const stranger = await member(t, `stranger.${Date.now()}@gmail.com`, (await referralOf(t, await member(t, `x.${Date.now()}@gmail.com`))).code);
      expect(await reportRow(t, admin, stranger.email)).toMatchObject({ status: 'PENDING', flagged: false });
    } finally {
      await setSettings(t, admin, { referralBlockSameDomain: false });
    }
    const colleague = await member(t, `colleague@${domain}`, code);
    expect(await reportRow(t, admin, colleague.email)).toMatchObject({ status: 'PENDING', flagged: true, flagReasons: ['SAME_EMAIL_DOMAIN'] });
    await pay(t, colleague, pkg.code);
    expect(await reportRow(t, admin, colleague.email)).toMatchObject({ status: 'REWARDED' });
    expect(await bonuses(t, colleague)).toHaveLength(1);
    expect(await bonuses(t, boss)).toHaveLength(1);
  });

  it('flags a sign-up from an address the referrer signed up or signed in from (the bonus is still paid)', async () => {
    const shared = freshIp();
    const referrer = await member(t, `home@${freshDomain('h')}`, null, shared);
    const { code } = await referralOf(t, referrer);
    const sibling = await member(t, `sib@${freshDomain('s')}`, code, shared);
    expect(await reportRow(t, admin, sibling.email)).toMatchObject({ status: 'PENDING', flagged: true, flagReasons: ['SAME_IP'] });
    const elsewhere = await member(t, `far@${freshDomain('f')}`, code);
    expect(await reportRow(t, admin, elsewhere.email)).toMatchObject({ flagged: false, flagReasons: [] });
    // Signing in from a new address counts too.
    const travelled = freshIp();
    ok(await t.gql(SIGN_IN, { input: { email: referrer.email, password: GOOD_PASSWORD } }, undefined, { 'x-forwarded-for': travelled }), 'signIn');
    const cousin = await member(t, `cousin@${freshDomain('c')}`, code, travelled);
    expect(await reportRow(t, admin, cousin.email)).toMatchObject({ flagged: true, flagReasons: ['SAME_IP'] });
  });

  it('refuses a sign-up with an unknown or malformed code (BAD_USER_INPUT, nothing written); an empty code is no code', async () => {
    const users = await count(t, 'select count(*)::int as n from app_user');
    for (const bad of ['ZZZZ2222', 'abc', '../../etc', 'x'.repeat(300), ' ']) {
      const email = `bad-${Math.random().toString(36).slice(2)}@${freshDomain('b')}`;
      const res = await trySignUp(t, email, bad);
      if (bad === ' ') {
        expect(res.data?.signUp?.user?.email).toBe(email);
        continue;
      }
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0]!.extensions).toMatchObject({ field: 'referralCode' });
      if (bad === 'ZZZZ2222') expect(res.errors![0]!.extensions).toMatchObject({ reason: 'UNKNOWN_REFERRAL_CODE' });
    }
    expect(await count(t, 'select count(*)::int as n from app_user')).toBe(users + 1);
    expect(await count(t, 'select count(*)::int as n from referral r join app_user u on u.id = r.referred_id where u.email like $1', ['bad-%'])).toBe(0);
  });

  it('the report is admin-only; the referral link needs a signed-in user', async () => {
    const user = await member(t, `plain@${freshDomain('p')}`);
    expect(errorCode(await t.gql(REPORT, {}, user.token))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(REPORT, {}))).toBe('UNAUTHENTICATED');
    expect(errorCode(await t.gql(REFERRAL, {}))).toBe('UNAUTHENTICATED');
    expect(await ledgerAudit(t, admin)).toMatchObject({ violations: [] });
  });
});
