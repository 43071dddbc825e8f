import { formatCredits, parseCredits } from '@tollgate/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test-support/app.js';
import { packageWithBonus, redisEnv, type Package } from '../../billing/__tests__/billing-support.js';
import { balanceOf, ledgerAudit, newUser, ok, signInAdmin, type User } from '../../gateway/__tests__/support.js';
import { ZERO_POSITION } from '../analytics.close.js';
import { centsToNano, marginPercent, usd } from '../analytics.usd.js';
import { buyInTestMode, complete, credits, micro, shiftHistory, summary, utcMidnight, type Summary } from './summary-support.js';

const GRANT = `mutation($i: AdminCreditInput!) { adminGrantCredits(input: $i) { id } }`;
const DEDUCT = `mutation($i: AdminCreditInput!) { adminDeductCredits(input: $i) { id } }`;

/** Σ of every account's balance: what outstandingCredits must equal (docs/analytics.md). */
async function sumOfBalances(t: TestApp): Promise<bigint> {
  return BigInt((await t.app.sql.query(`select coalesce(sum(balance), 0)::text as b from credit_account`))[0]!.b);
}

function expectIdentities(s: Summary): void {
  expect(micro(s.grossRevenueUsd) - micro(s.refundsUsd) - micro(s.stripeFeesUsd)).toBe(micro(s.netRevenueUsd));
  expect(micro(s.netRevenueUsd) - micro(s.providerCostUsd)).toBe(micro(s.grossProfitUsd));
  expect(micro(s.packagesRevenueUsd) + micro(s.subscriptionsRevenueUsd) + micro(s.autoRechargeRevenueUsd)).toBe(micro(s.grossRevenueUsd));
  expect(credits(s.outstandingPaidCredits) + credits(s.outstandingPromotionalCredits)).toBe(credits(s.outstandingCredits));
  expect(s.marginPercent).toBe(marginPercent(micro(s.grossProfitUsd), micro(s.netRevenueUsd)));
}

describe('adminBillingSummary over real flows (test-mode payments, sandbox completions, admin grants)', () => {
  let t: TestApp;
  let admin: string;
  let pkg: Package;
  let users: User[];
  let charged = 0n;
  let startingGrants = 0n;
  const today = utcMidnight(0);
  const tomorrow = utcMidnight(1);

  beforeAll(async () => {
    t = await startTestApp({ STRIPE_SECRET_KEY: '', ...redisEnv('summary-flows') });
    admin = await signInAdmin(t);
    pkg = await packageWithBonus(t, admin);
    startingGrants = await sumOfBalances(t); // what the seed granted (the admin's own account)
  });
  afterAll(async () => {
    expect(await ledgerAudit(t, admin)).toMatchObject({ violations: [] });
    await t?.stop();
  });

  it("counts today's payments, usage, grants, expiry and positions, and the identities hold", async () => {
    users = [await newUser(t, admin, 'flows-a'), await newUser(t, admin, 'flows-b')];
    const signup = (await balanceOf(t, users[0]!.token)).balance;
    for (const u of users) await buyInTestMode(t, u, pkg.code);
    charged += await complete(t, users[0]!, 'one two three');
    charged += await complete(t, users[0]!, 'four five');
    charged += await complete(t, users[1]!, 'six');
    // A promotional grant that expires: granted, then its deadline moved into the past; the next change expires it.
    const expiring = parseCredits('5');
    ok(
      await t.gql(
        GRANT,
        {
          i: {
            userId: users[1]!.id,
            amount: '5',
            reason: 'expiring gift',
            idempotencyKey: 'flows-expiring',
            expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
          },
        },
        admin,
      ),
      'adminGrantCredits',
    );
    await t.app.sql.query(`update credit_grant set expires_at = now() - interval '1 second' where source = 'admin' and amount = $1`, [expiring]);
    charged += await complete(t, users[1]!, 'seven');
    // An admin deduction burns credit without being a flow of any figure.
    ok(await t.gql(DEDUCT, { i: { userId: users[0]!.id, amount: '1', reason: 'correction', idempotencyKey: 'flows-deduct' } }, admin), 'adminDeductCredits');

    const s = await summary(t, admin, today, tomorrow);
    const priceCents = micro(pkg.priceUsd) / 10_000n;
    expect(s).toMatchObject({
      testMode: true,
      grossRevenueUsd: usd(2n * priceCents, 'cents'),
      packagesRevenueUsd: usd(2n * priceCents, 'cents'),
      subscriptionsRevenueUsd: '0.000000',
      refundsUsd: '0.000000',
      stripeFeesUsd: '0.000000',
      paymentsWithoutFee: 2, // test-mode payments never get a fee
      creditsSold: formatCredits(2n * parseCredits(pkg.credits)),
      creditsExpired: '5.000000',
      creditsClawedBack: '0.000000',
      mrrUsd: '0.000000',
      activeSubscriptions: 0,
    });
    expect(credits(s.creditsConsumed)).toBe(charged);
    expect(credits(s.creditsGranted)).toBe(startingGrants + 2n * signup + 2n * parseCredits(pkg.bonusCredits) + expiring);
    expect(micro(s.providerCostUsd)).toBeGreaterThan(0n);
    expect(s.byokCostUsd).toBe('0.000000');
    expectIdentities(s);
    // Σ balances, split: the purchased credit is untouched (promotional credit burns first), so its liability is what was paid.
    expect(credits(s.outstandingCredits)).toBe(await sumOfBalances(t));
    expect(credits(s.outstandingPaidCredits)).toBe(2n * parseCredits(pkg.credits));
    expect(s.outstandingLiabilityUsd).toBe(usd(2n * priceCents, 'cents'));
    expect(s.byModel).toHaveLength(1);
    expect(s.byModel[0]).toMatchObject({
      modelId: 'sandbox/echo',
      provider: 'sandbox',
      requests: 4,
      errorRequests: 0,
      byokRequests: 0,
      providerCostUsd: s.providerCostUsd,
      creditsConsumed: s.creditsConsumed,
    });
    const e = s.byModel[0];
    expect(micro(e.usageRevenueUsd) - micro(e.providerCostUsd)).toBe(micro(e.grossProfitUsd));
    expect(s.byProvider).toEqual([expect.objectContaining({ provider: 'sandbox', requests: 4, providerCostUsd: s.providerCostUsd })]);
    const free = s.byTier.find((x: any) => x.tierCode === 'free');
    expect(free).toMatchObject({ grossRevenueUsd: s.grossRevenueUsd, requests: 4, creditsConsumed: s.creditsConsumed });
    expect(s.byDay).toEqual([
      expect.objectContaining({
        day: today.slice(0, 10),
        grossRevenueUsd: s.grossRevenueUsd,
        netRevenueUsd: s.netRevenueUsd,
        providerCostUsd: s.providerCostUsd,
        grossProfitUsd: s.grossProfitUsd,
        creditsSold: s.creditsSold,
        creditsConsumed: s.creditsConsumed,
        outstandingCredits: s.outstandingCredits,
        outstandingLiabilityUsd: s.outstandingLiabilityUsd,
      }),
    ]);
  });

  it("today's position computed live equals the close's own path (previous close + today's rows)", async () => {
    const close = t.app.services.analytics.summary.close;
    const day = today.slice(0, 10);
    const prev = (await close.before(day))?.position ?? ZERO_POSITION;
    const figures = await close.dayFigures(day, prev);
    expect(figures.position).toEqual(await close.livePosition());
    expect(figures.flows).toEqual(await close.dayFlows(day)); // today's lighter statement agrees with the close's
  });

  it('is half-open: a day belongs to [its midnight, the next)', async () => {
    const yesterday = await summary(t, admin, utcMidnight(-1), today);
    expect(yesterday).toMatchObject({
      grossRevenueUsd: '0.000000',
      providerCostUsd: '0.000000',
      creditsSold: '0.000000',
      creditsConsumed: '0.000000',
      outstandingCredits: '0.000000',
    });
    const future = await summary(t, admin, tomorrow, utcMidnight(2));
    expect(future).toMatchObject({ grossRevenueUsd: '0.000000', creditsSold: '0.000000', creditsConsumed: '0.000000' });
    // A range past today ends now: its outstanding figures are today's.
    expect(credits(future.outstandingCredits)).toBe(await sumOfBalances(t));
    const both = await summary(t, admin, utcMidnight(-1), tomorrow);
    expect(both.byDay.map((d: any) => d.grossRevenueUsd)).toEqual(['0.000000', usd(centsToNano(2n * (micro(pkg.priceUsd) / 10_000n)))]);
  });

  it('closes each ended day once, under concurrent summaries, and a closed day never changes with later activity', async () => {
    const before = await summary(t, admin, today, tomorrow);
    await shiftHistory(t, 3); // everything so far happened three days ago
    const range = [utcMidnight(-5), tomorrow] as const;
    const [a, b] = await Promise.all([summary(t, admin, ...range), summary(t, admin, ...range)]);
    expect(a).toEqual(b);
    const rows = await t.app.sql.query(`select day::text as day from analytics_daily_close order by day`);
    // Every ended day from the first activity on (yesterday only once its grace after midnight has passed).
    const through = t.app.services.analytics.summary.close.lastClosable(new Date());
    expect(rows.map((r) => r.day)).toEqual([utcMidnight(-3), utcMidnight(-2), utcMidnight(-1)].map((d) => d.slice(0, 10)).filter((d) => d <= through));
    const [d5, d4, d3, d2, d1, d0] = a.byDay;
    expect([d5.outstandingCredits, d4.outstandingCredits]).toEqual(['0.000000', '0.000000']);
    for (const d of [d3, d2, d1, d0])
      expect(d).toMatchObject({
        outstandingCredits: before.outstandingCredits,
        outstandingPaidCredits: before.outstandingPaidCredits,
        outstandingLiabilityUsd: before.outstandingLiabilityUsd,
      });
    expect(d3).toMatchObject({ grossRevenueUsd: before.grossRevenueUsd, creditsSold: before.creditsSold, creditsConsumed: before.creditsConsumed });

    const pastRange = [utcMidnight(-3), utcMidnight(-2)] as const;
    const past = await summary(t, admin, ...pastRange);
    const same = [
      'grossRevenueUsd',
      'netRevenueUsd',
      'providerCostUsd',
      'grossProfitUsd',
      'marginPercent',
      'creditsSold',
      'creditsGranted',
      'creditsConsumed',
      'creditsExpired',
      'outstandingCredits',
      'outstandingPaidCredits',
      'outstandingPromotionalCredits',
      'outstandingLiabilityUsd',
    ];
    for (const field of same) expect(past[field], field).toBe(before[field]);
    const closes = await t.app.sql.query(`select * from analytics_daily_close order by day`);

    // Later activity: another purchase and a completion today.
    await buyInTestMode(t, users[0]!, pkg.code);
    await complete(t, users[0]!, 'later');
    expect(await t.app.sql.query(`select * from analytics_daily_close order by day`)).toEqual(closes);
    expect(await summary(t, admin, ...pastRange)).toEqual(past);
    const now = await summary(t, admin, today, tomorrow);
    expect(credits(now.outstandingCredits)).toBe(await sumOfBalances(t));
    expect(credits(now.outstandingPaidCredits)).toBe(3n * parseCredits(pkg.credits));
    expectIdentities(now);
    const close = t.app.services.analytics.summary.close;
    const prev = (await close.before(today.slice(0, 10)))!.position;
    expect((await close.dayFigures(today.slice(0, 10), prev)).position).toEqual(await close.livePosition());
  });
});
