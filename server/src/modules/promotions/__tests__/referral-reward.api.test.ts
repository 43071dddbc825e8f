import { parseCredits } from '@tollgate/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test-support/app.js';
import { balanceOf, ledgerAudit, signInAdmin } from '../../gateway/__tests__/support.js';
import { packageWithBonus, redisEnv, type Package } from '../../billing/__tests__/billing-support.js';
import { bonuses, freshDomain, member, pay, PUBLIC_URL, referralOf, reportRow, setSettings } from './referral-support.js';

// Different amounts on each side, so a bonus paid to the wrong side shows.
const REFERRER_BONUS = '7.000000';
const REFERRED_BONUS = '3.000000';

describe('referral bonus on the first payment (test-mode checkout)', () => {
  let t: TestApp;
  let admin: string;
  let pkg: Package;
  let paid: bigint;

  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_URL, ...redisEnv('referral-reward') });
    admin = await signInAdmin(t);
    pkg = await packageWithBonus(t, admin);
    paid = parseCredits(pkg.credits) + parseCredits(pkg.bonusCredits);
    await setSettings(t, admin, { referrerBonusCredits: REFERRER_BONUS, referredBonusCredits: REFERRED_BONUS });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('gives each user one short URL-safe code, made on first read, with a sign-up link', async () => {
    const ann = await member(t, `ann@${freshDomain('a')}`);
    const first = await referralOf(t, ann);
    expect(first.code).toMatch(/^[A-Z0-9]{8}$/);
    expect(first).toEqual({ code: first.code, link: `${PUBLIC_URL}/signup?ref=${first.code}`, referredCount: 0, rewardedCount: 0, earnedCredits: '0.000000' });
    expect((await referralOf(t, ann)).code).toBe(first.code);
    const bob = await member(t, `bob@${freshDomain('b')}`);
    expect((await referralOf(t, bob)).code).not.toBe(first.code);
  });

  it("pays both sides once on the referred user's first payment; Pay pressed at once and a second payment add nothing", async () => {
    const referrer = await member(t, `rita@${freshDomain('r')}`);
    const { code } = await referralOf(t, referrer);
    // The code is case-insensitive: a link typed in lower case still counts.
    const referred = await member(t, `sam@${freshDomain('s')}`, code.toLowerCase());
    const before = { referrer: await balanceOf(t, referrer.token), referred: await balanceOf(t, referred.token) };
    expect(await reportRow(t, admin, referred.email)).toMatchObject({
      referrerEmail: referrer.email,
      status: 'PENDING',
      flagged: false,
      bonusCredits: '0.000000',
      rewardedAt: null,
    });
    expect(await bonuses(t, referred)).toEqual([]);

    await pay(t, referred, pkg.code, 3);
    expect((await balanceOf(t, referred.token)).balance).toBe(before.referred.balance + paid + parseCredits(REFERRED_BONUS));
    expect((await balanceOf(t, referrer.token)).balance).toBe(before.referrer.balance + parseCredits(REFERRER_BONUS));
    // Both histories show the bonus, each naming the other party.
    expect(await bonuses(t, referred)).toEqual([{ amount: REFERRED_BONUS, description: `Referral bonus: referred by ${referrer.email}` }]);
    expect(await bonuses(t, referrer)).toEqual([{ amount: REFERRER_BONUS, description: `Referral bonus: ${referred.email} made their first payment` }]);

    await pay(t, referred, pkg.code);
    expect((await balanceOf(t, referred.token)).balance).toBe(before.referred.balance + 2n * paid + parseCredits(REFERRED_BONUS));
    expect((await balanceOf(t, referrer.token)).balance).toBe(before.referrer.balance + parseCredits(REFERRER_BONUS));
    expect(await bonuses(t, referrer)).toHaveLength(1);
    expect(await referralOf(t, referrer)).toMatchObject({ referredCount: 1, rewardedCount: 1, earnedCredits: REFERRER_BONUS });
    const row = await reportRow(t, admin, referred.email);
    expect(row).toMatchObject({
      status: 'REWARDED',
      bonusCredits: '10.000000',
      referrerBonusCredits: REFERRER_BONUS,
      referredBonusCredits: REFERRED_BONUS,
      refusedReason: null,
    });
    expect(row.rewardedAt).not.toBeNull();
    expect(await ledgerAudit(t, admin)).toMatchObject({ violations: [] });
  });

  it('two different first payments completing at the same time still reward once', async () => {
    const referrer = await member(t, `rob@${freshDomain('r')}`);
    const { code } = await referralOf(t, referrer);
    const referred = await member(t, `sue@${freshDomain('s')}`, code);
    await Promise.all([pay(t, referred, pkg.code), pay(t, referred, pkg.code), pay(t, referred, pkg.code)]);
    expect(await bonuses(t, referred)).toHaveLength(1);
    expect(await bonuses(t, referrer)).toHaveLength(1);
    expect(await referralOf(t, referrer)).toMatchObject({ rewardedCount: 1, earnedCredits: REFERRER_BONUS });
    expect(await ledgerAudit(t, admin)).toMatchObject({ violations: [] });
  });

  it('one referrer with many referred users paying at once gets a bonus for each, and the ledger stays consistent', async () => {
    const referrer = await member(t, `ray@${freshDomain('r')}`);
    const { code } = await referralOf(t, referrer);
    const referred = await Promise.all([1, 2, 3, 4].map((i) => member(t, `u${i}@${freshDomain('s')}`, code)));
    const before = await balanceOf(t, referrer.token);
    await Promise.all(referred.map((m) => pay(t, m, pkg.code)));
    expect((await balanceOf(t, referrer.token)).balance).toBe(before.balance + 4n * parseCredits(REFERRER_BONUS));
    expect(await referralOf(t, referrer)).toMatchObject({ referredCount: 4, rewardedCount: 4, earnedCredits: '28.000000' });
    expect(await ledgerAudit(t, admin)).toMatchObject({ violations: [] });
  });
});
