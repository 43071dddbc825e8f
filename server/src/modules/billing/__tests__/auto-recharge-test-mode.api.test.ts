import { parseCredits } from '@tollgate/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from '../../../test-support/app.js';
import { balanceOf, COMPLETE, ledgerAudit, newUser, ok, setAvailable, signInAdmin } from '../../gateway/__tests__/support.js';
import { autoRecharge, autoRechargePayments, credits, SET, setAutoRecharge, spendConcurrently } from './auto-recharge-support.js';
import { packageWithBonus, purchases, redisEnv, type Package } from './billing-support.js';

describe('auto-recharge in test mode (no Stripe key): the test card', () => {
  let t: TestApp;
  let admin: string;
  let pkg: Package;
  let packageCredits: bigint;

  beforeAll(async () => {
    t = await startTestApp({ ...redisEnv('auto-recharge-tm') });
    admin = await signInAdmin(t);
    pkg = await packageWithBonus(t, admin);
    packageCredits = parseCredits(pkg.credits) + parseCredits(pkg.bonusCredits);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('turns on without a purchase, charges the test card once per crossing under 50 concurrent spends, and grants through the webhook fulfilment', async () => {
    const user = await newUser(t, admin, 'artm');
    expect(await autoRecharge(t, user.token)).toBeNull();
    await setAutoRecharge(t, user.token, { enabled: true, belowCredits: credits(100), packageCode: pkg.code, monthlyLimitUsd: '1000' });
    await setAvailable(t, admin, user, parseCredits(credits(150)));
    await spendConcurrently(t, user.id, 50, parseCredits(credits(2)));

    const rows = await autoRechargePayments(t, user.token);
    expect(rows).toEqual([expect.objectContaining({ status: 'PAID', testMode: true, amountUsd: pkg.priceUsd, packageCode: pkg.code })]);
    expect(parseCredits(rows[0].creditsGranted)).toBe(packageCredits);
    expect((await balanceOf(t, user.token)).available).toBe(parseCredits(credits(50)) + packageCredits);
    const grants = (await purchases(t, user.token)).filter((p) => p.reference.startsWith('payment_intent:pi_tollgate_test_'));
    expect(grants.map((g) => g.amount).sort()).toEqual([pkg.bonusCredits, pkg.credits].sort());
    expect(await autoRecharge(t, user.token)).toMatchObject({ enabled: true, armed: true, spentThisMonthUsd: pkg.priceUsd, lastError: null });

    // Back above the threshold, it re-armed: the next crossing charges again, once.
    await setAvailable(t, admin, user, parseCredits(credits(110)));
    await spendConcurrently(t, user.id, 30, parseCredits(credits(1)));
    expect((await autoRechargePayments(t, user.token)).map((p: { status: string }) => p.status)).toEqual(['PAID', 'PAID']);
    expect((await balanceOf(t, user.token)).available).toBe(parseCredits(credits(80)) + packageCredits);
    expect(await ledgerAudit(t, admin)).toMatchObject({ violations: [] });
  });

  it('50 concurrent completions whose holds cross the threshold: one charge, and the calls all go through', async () => {
    // The tier's per-minute limit would refuse most of the burst before the ledger is reached: lift it.
    ok(await t.gql(`mutation { adminUpdateTier(code: "free", input: { requestsPerMinute: 100000 }) { requestsPerMinute } }`, {}, admin), 'adminUpdateTier');
    const user = await newUser(t, admin, 'artm-calls');
    await setAvailable(t, admin, user, parseCredits(credits(200)));
    // Threshold at the balance itself: the first hold crosses it; after the recharge, the calls stay far above it.
    await setAutoRecharge(t, user.token, { enabled: true, belowCredits: credits(200), packageCode: pkg.code, monthlyLimitUsd: '1000' });
    const input = { model: 'sandbox/echo', prompt: 'top me up', maxTokens: 32, useCache: false };
    const results = await Promise.all(Array.from({ length: 50 }, () => t.gql(COMPLETE, { i: input }, user.token)));
    await t.app.billing.autoRecharge.idle();
    expect(results.filter((r) => r.errors).map((r) => r.errors)).toEqual([]);
    const charged = results.reduce((total, r) => total + parseCredits(r.data!.complete.charged), 0n);
    expect(await autoRechargePayments(t, user.token)).toEqual([expect.objectContaining({ status: 'PAID' })]);
    expect(await balanceOf(t, user.token)).toMatchObject({ held: 0n, available: parseCredits(credits(200)) - charged + packageCredits });
    expect(await ledgerAudit(t, admin)).toMatchObject({ violations: [] });
  });

  it('holds the monthly limit: no charge past it, the reason shown, still on', async () => {
    const user = await newUser(t, admin, 'artm-cap');
    await setAutoRecharge(t, user.token, { enabled: true, belowCredits: credits(100), packageCode: pkg.code, monthlyLimitUsd: pkg.priceUsd });
    for (const round of [1, 2]) {
      await setAvailable(t, admin, user, parseCredits(credits(105)));
      await spendConcurrently(t, user.id, 10, parseCredits(credits(1)));
      expect([round, (await autoRechargePayments(t, user.token)).length]).toEqual([round, 1]);
    }
    expect(await autoRecharge(t, user.token)).toMatchObject({ enabled: true, disabledReason: 'monthly limit reached', spentThisMonthUsd: pkg.priceUsd });
    expect((await balanceOf(t, user.token)).available).toBe(parseCredits(credits(95)));
  });

  it('a user whose e-mail contains +decline has a declining test card: FAILED, turned off with the reason, nothing granted', async () => {
    const user = await newUser(t, admin, 'artm+decline');
    await setAutoRecharge(t, user.token, { enabled: true, belowCredits: credits(100), packageCode: pkg.code, monthlyLimitUsd: '1000' });
    await setAvailable(t, admin, user, parseCredits(credits(101)));
    const before = await purchases(t, user.token);
    await spendConcurrently(t, user.id, 10, parseCredits(credits(1)));
    expect(await autoRechargePayments(t, user.token)).toEqual([expect.objectContaining({ status: 'FAILED', creditsGranted: '0.000000' })]);
    expect(await autoRecharge(t, user.token)).toMatchObject({ enabled: false, lastError: 'Your card was declined (test mode)' });
    expect(await purchases(t, user.token)).toEqual(before);
    expect((await balanceOf(t, user.token)).available).toBe(parseCredits(credits(91)));
    expect(await ledgerAudit(t, admin)).toMatchObject({ violations: [] });
  });
});

describe('auto-recharge where payments are off (production without Stripe)', () => {
  it('answers PAYMENTS_UNAVAILABLE to turning it on and writes nothing; turning it off still works', async () => {
    const t = await startTestApp({ NODE_ENV: 'production' });
    try {
      const admin = await signInAdmin(t);
      const user = await newUser(t, admin, 'ar-off');
      const pkg = await packageWithBonus(t, admin);
      const input = { enabled: true, belowCredits: credits(10), packageCode: pkg.code, monthlyLimitUsd: '100' };
      expect(errorCode(await t.gql(SET, { i: input }, user.token))).toBe('PAYMENTS_UNAVAILABLE');
      expect(await autoRecharge(t, user.token)).toBeNull();
      expect(await setAutoRecharge(t, user.token, { ...input, enabled: false })).toMatchObject({ enabled: false });
    } finally {
      await t.stop();
    }
  });
});
