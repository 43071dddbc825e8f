import { parseCredits } from '@tollgate/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from '../../../test-support/app.js';
import { redisEnv } from '../../billing/__tests__/billing-support.js';
import { balanceOf, ledgerAudit, newUser, ok, signInAdmin } from '../../gateway/__tests__/support.js';
import { couponRow, createCoupon, freshCode, REDEEM, REDEMPTIONS, reason, tally, VALIDATE } from './coupon-support.js';

describe('coupons: CREDITS redemption, limits under concurrency, refusals', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_URL: 'http://tollgate.test:8080', ...redisEnv('coupon-redeem') });
    admin = await signInAdmin(t);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('50 users redeeming a 1-use coupon at once: exactly one gets the credits, 49 are refused EXHAUSTED', async () => {
    const code = freshCode('ONE');
    await createCoupon(t, admin, { code, kind: 'CREDITS', credits: '7', maxRedemptions: 1 });
    const users = await Promise.all(Array.from({ length: 50 }, (_, i) => newUser(t, admin, `race-${i}`)));
    const before = await Promise.all(users.map((u) => balanceOf(t, u.token)));
    const results = await Promise.all(users.map((u) => t.gql(REDEEM, { c: code }, u.token)));
    const counts = tally(results);
    console.log(`[measured] 50 concurrent redemptions of a 1-use coupon: ${JSON.stringify(counts)}`);
    expect(counts).toEqual({ OK: 1, 'BAD_USER_INPUT:EXHAUSTED': 49 });
    const after = await Promise.all(users.map((u) => balanceOf(t, u.token)));
    const gained = after.map((b, i) => b.balance - before[i]!.balance);
    expect(gained.filter((g) => g === 7_000_000n)).toHaveLength(1);
    expect(gained.filter((g) => g !== 0n && g !== 7_000_000n)).toEqual([]);
    expect(await couponRow(t, admin, code)).toMatchObject({ redemptions: 1, creditsGranted: '7.000000' });
    expect(ok<any[]>(await t.gql(REDEMPTIONS, { c: code }, admin), 'adminCouponRedemptions')).toHaveLength(1);
  });

  it('one user redeeming a per-user-1 coupon 20 times at once: exactly once, 19 refused ALREADY_REDEEMED', async () => {
    const code = freshCode('PERUSER');
    await createCoupon(t, admin, { code, kind: 'CREDITS', credits: '3', perUserLimit: 1 });
    const user = await newUser(t, admin, 'same-user');
    const before = await balanceOf(t, user.token);
    const results = await Promise.all(Array.from({ length: 20 }, () => t.gql(REDEEM, { c: code.toLowerCase() }, user.token)));
    const counts = tally(results);
    console.log(`[measured] 20 concurrent redemptions by one user of a per-user-1 coupon: ${JSON.stringify(counts)}`);
    expect(counts).toEqual({ OK: 1, 'BAD_USER_INPUT:ALREADY_REDEEMED': 19 });
    expect((await balanceOf(t, user.token)).balance - before.balance).toBe(3_000_000n);
    // Another user may still use it (no overall maximum).
    const other = await newUser(t, admin, 'other-user');
    expect(ok(await t.gql(REDEEM, { c: code }, other.token), 'redeemCoupon').credits).toBe('3.000000');
    expect(await couponRow(t, admin, code)).toMatchObject({ redemptions: 2, creditsGranted: '6.000000' });
  });

  it('a per-user-3 coupon redeemed 10 times at once by one user: exactly 3 grants with distinct keys', async () => {
    const code = freshCode('THREE');
    await createCoupon(t, admin, { code, kind: 'CREDITS', credits: '1', perUserLimit: 3 });
    const user = await newUser(t, admin, 'three');
    const before = await balanceOf(t, user.token);
    const counts = tally(await Promise.all(Array.from({ length: 10 }, () => t.gql(REDEEM, { c: code }, user.token))));
    expect(counts).toEqual({ OK: 3, 'BAD_USER_INPUT:ALREADY_REDEEMED': 7 });
    expect((await balanceOf(t, user.token)).balance - before.balance).toBe(3_000_000n);
  });

  it('a CREDITS redemption is a COUPON entry with its expiry; any letter case works; validate shows it first', async () => {
    const code = freshCode('Welcome');
    const created = await createCoupon(t, admin, { code: code.toLowerCase(), kind: 'CREDITS', credits: '10', creditsExpireDays: 30, note: 'welcome' });
    expect(created).toMatchObject({ code, kind: 'CREDITS', credits: '10.000000', perUserLimit: 1, active: true, redemptions: 0 });
    const user = await newUser(t, admin, 'welcome');
    // Signed out: only the global checks.
    expect(ok(await t.gql(VALIDATE, { c: code.toLowerCase() }), 'validateCoupon')).toMatchObject({
      valid: true,
      reason: null,
      coupon: { code, kind: 'CREDITS' },
      credits: '10.000000',
    });
    const mixed = code
      .split('')
      .map((ch, i) => (i % 2 ? ch.toLowerCase() : ch))
      .join('');
    const r = ok(await t.gql(REDEEM, { c: ` ${mixed} ` }, user.token), 'redeemCoupon');
    expect(r).toMatchObject({
      coupon: { code, kind: 'CREDITS' },
      credits: '10.000000',
      transaction: { type: 'COUPON', amount: '10.000000', reference: `coupon:${code}` },
    });
    const [grant] = await t.app.sql.query(
      `select g.expires_at from credit_grant g join credit_account a on a.id = g.account_id where a.user_id = $1 and g.source = 'coupon'`,
      [user.id],
    );
    const days = (new Date(grant!.expires_at).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
    // Signed in: the per-user check shows it used.
    expect(ok(await t.gql(VALIDATE, { c: code }, user.token), 'validateCoupon')).toMatchObject({ valid: false, reason: 'ALREADY_REDEEMED' });
    expect(ok(await t.gql(VALIDATE, { c: code }), 'validateCoupon')).toMatchObject({ valid: true });
  });

  it('refusals carry the reason and write nothing: expired, not yet started, deactivated, used up, discount, unknown', async () => {
    const user = await newUser(t, admin, 'refused');
    const day = 86_400_000;
    const expired = freshCode('OLD');
    const future = freshCode('SOON');
    const inactive = freshCode('OFF');
    const used = freshCode('USED');
    const percent = freshCode('PCT');
    await createCoupon(t, admin, {
      code: expired,
      kind: 'CREDITS',
      credits: '1',
      startsAt: new Date(Date.now() - 3 * day),
      expiresAt: new Date(Date.now() - day),
    });
    await createCoupon(t, admin, { code: future, kind: 'CREDITS', credits: '1', startsAt: new Date(Date.now() + day) });
    await createCoupon(t, admin, { code: inactive, kind: 'CREDITS', credits: '1' });
    await createCoupon(t, admin, { code: used, kind: 'CREDITS', credits: '1', maxRedemptions: 1 });
    await createCoupon(t, admin, { code: percent, kind: 'PERCENT_OFF', percentOff: 10 });
    expect(
      ok(
        await t.gql(`mutation($c: String!) { adminDeactivateCoupon(code: $c) { code active } }`, { c: inactive.toLowerCase() }, admin),
        'adminDeactivateCoupon',
      ),
    ).toEqual({ code: inactive, active: false });
    ok(await t.gql(REDEEM, { c: used }, (await newUser(t, admin, 'first')).token), 'redeemCoupon');

    const before = await balanceOf(t, user.token);
    const rows = async () =>
      (await t.app.sql.query(`select (select count(*) from coupon_redemption)::int as r, (select sum(redemptions) from coupon)::int as c`))[0];
    const written = await rows();
    const cases: Array<[string, string]> = [
      [expired, 'EXPIRED'],
      [future, 'EXPIRED'],
      [inactive, 'INACTIVE'],
      [used, 'EXHAUSTED'],
      [percent, 'NOT_APPLICABLE'],
    ];
    for (const [code, why] of cases) {
      const res = await t.gql(REDEEM, { c: code.toLowerCase() }, user.token);
      expect([code, errorCode(res), reason(res)]).toEqual([code, 'BAD_USER_INPUT', why]);
      expect(ok(await t.gql(VALIDATE, { c: code }, user.token), 'validateCoupon')).toMatchObject({ valid: why === 'NOT_APPLICABLE', coupon: { code } });
    }
    const notYet = await t.gql(REDEEM, { c: future }, user.token);
    expect(notYet.errors![0]!.extensions!.notBefore).toBeDefined();
    const unknown = await t.gql(REDEEM, { c: 'NO-SUCH-COUPON-X' }, user.token);
    expect(errorCode(unknown)).toBe('NOT_FOUND');
    expect(errorCode(await t.gql(REDEEM, { c: 'bad code with spaces' }, user.token))).toBe('NOT_FOUND');
    expect(errorCode(await t.gql(REDEEM, { c: 'x'.repeat(65) }, user.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(REDEEM, { c: 'NO-SUCH-COUPON-X' }))).toBe('UNAUTHENTICATED');
    expect(ok(await t.gql(VALIDATE, { c: 'NO-SUCH-COUPON-X' }), 'validateCoupon')).toMatchObject({ valid: false, reason: 'NOT_FOUND', coupon: null });
    expect(await balanceOf(t, user.token)).toEqual(before);
    expect(await rows()).toEqual(written);
  });

  it("admin input is checked per kind: the kind's fields required, other kinds' refused, ranges; nothing written", async () => {
    const count = async () => (await t.app.sql.query(`select count(*)::int as n from coupon`))[0]!.n;
    const before = await count();
    const bad: Array<Record<string, unknown>> = [
      { kind: 'CREDITS' },
      { kind: 'CREDITS', credits: '0' },
      { kind: 'CREDITS', credits: '1', percentOff: 5 },
      { kind: 'PERCENT_OFF' },
      { kind: 'PERCENT_OFF', percentOff: 0 },
      { kind: 'PERCENT_OFF', percentOff: 101 },
      { kind: 'PERCENT_OFF', percentOff: 5, credits: '1' },
      { kind: 'AMOUNT_OFF' },
      { kind: 'AMOUNT_OFF', amountOffUsd: '0' },
      { kind: 'AMOUNT_OFF', amountOffUsd: '-1' },
      { kind: 'AMOUNT_OFF', amountOffUsd: '1.234' },
      { kind: 'FREE_MONTH' },
      { kind: 'FREE_MONTH', tierCode: 'free' },
      { kind: 'FREE_MONTH', tierCode: 'no-such-tier' },
      { kind: 'CREDITS', credits: '1', maxRedemptions: 0 },
      { kind: 'CREDITS', credits: '1', perUserLimit: 0 },
      { kind: 'CREDITS', credits: '1', startsAt: new Date(Date.now() + 1000), expiresAt: new Date(Date.now()) },
      { kind: 'PERCENT_OFF', percentOff: 5, appliesTo: ['no-such-package'] },
    ];
    for (const input of bad) {
      const res = await t.gql(`mutation($i: CouponInput!) { adminCreateCoupon(input: $i) { code } }`, { i: { code: freshCode('BAD'), ...input } }, admin);
      expect([input, errorCode(res)]).toEqual([input, 'BAD_USER_INPUT']);
    }
    for (const code of ['ab', 'has space', 'x'.repeat(65), '-LEADING']) {
      const res = await t.gql(`mutation($i: CouponInput!) { adminCreateCoupon(input: $i) { code } }`, { i: { code, kind: 'CREDITS', credits: '1' } }, admin);
      expect([code, errorCode(res)]).toEqual([code, 'BAD_USER_INPUT']);
    }
    const user = await newUser(t, admin, 'not-admin');
    expect(
      errorCode(
        await t.gql(
          `mutation($i: CouponInput!) { adminCreateCoupon(input: $i) { code } }`,
          { i: { code: freshCode('X'), kind: 'CREDITS', credits: '1' } },
          user.token,
        ),
      ),
    ).toBe('FORBIDDEN');
    expect(await count()).toBe(before);
    const dup = freshCode('DUP');
    await createCoupon(t, admin, { code: dup, kind: 'CREDITS', credits: '1' });
    expect(
      errorCode(
        await t.gql(
          `mutation($i: CouponInput!) { adminCreateCoupon(input: $i) { code } }`,
          { i: { code: dup.toLowerCase(), kind: 'CREDITS', credits: '2' } },
          admin,
        ),
      ),
    ).toBe('BAD_USER_INPUT');
  });

  it('a campaign: N unique single-use codes and their CSV; each redeems once', async () => {
    const GEN = `mutation($i: CouponCampaignInput!) { adminGenerateCoupons(input: $i) { campaign count codes csv } }`;
    const made = ok(
      await t.gql(GEN, { i: { campaign: 'Partner, "Acme"', count: 25, prefix: 'acme', kind: 'CREDITS', credits: '2' } }, admin),
      'adminGenerateCoupons',
    );
    expect(made.count).toBe(25);
    expect(new Set(made.codes).size).toBe(25);
    expect(made.codes.every((c: string) => /^ACME-[A-Z2-9]{10}$/.test(c))).toBe(true);
    const lines = made.csv.trim().split('\n');
    expect(lines[0]).toBe('code,kind,credits,percent_off,amount_off_usd,tier_code,starts_at,expires_at,campaign');
    expect(lines.slice(1)).toEqual(made.codes.map((c: string) => `${c},CREDITS,2.000000,,,,,,"Partner, ""Acme"""`));
    const [a, b] = [await newUser(t, admin, 'camp-a'), await newUser(t, admin, 'camp-b')];
    ok(await t.gql(REDEEM, { c: made.codes[0] }, a.token), 'redeemCoupon');
    expect(reason(await t.gql(REDEEM, { c: made.codes[0] }, b.token))).toBe('EXHAUSTED');
    expect(await couponRow(t, admin, made.codes[0])).toMatchObject({ maxRedemptions: 1, redemptions: 1, campaign: 'Partner, "Acme"' });
    for (const input of [{ count: 0 }, { count: 1001 }, { count: 5, campaign: '' }, { count: 5, prefix: 'bad prefix' }]) {
      const res = await t.gql(GEN, { i: { campaign: 'c', kind: 'CREDITS', credits: '1', ...input } }, admin);
      expect([input, errorCode(res)]).toEqual([input, 'BAD_USER_INPUT']);
    }
    expect(parseCredits('2')).toBe(2_000_000n);
  });

  it('ledgerAudit is clean', async () => {
    expect(await ledgerAudit(t, admin)).toMatchObject({ violations: [] });
  });
});
