/**
 * Analytics exactness (issue 12): the scripted month (scripted-month.ts) through the real paths, then
 * every figure of adminBillingSummary against the value computed by hand (scripted-month.expected.ts)
 * to the micro-dollar, the identities of docs/analytics.md, and half-open UTC ranges.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode } from '../../../test-support/app.js';
import { balanceOf, ledgerAudit, ok } from '../../gateway/__tests__/support.js';
import {
  awayFromMidnight,
  monthDays,
  runScriptedMonth,
  startMonthWorld,
  stopMonthWorld,
  type MonthDays,
  type MonthIds,
  type MonthWorld,
} from './scripted-month.js';
import { BY_DAY, BY_MODEL, BY_PROVIDER, BY_TIER, BY_USER, RECONCILIATION, TODAY, WHOLE, YESTERDAY } from './scripted-month.expected.js';

const ECONOMICS =
  'requests cachedRequests errorRequests byokRequests inputTokens outputTokens creditsConsumed usageRevenueUsd providerCostUsd byokCostUsd grossProfitUsd marginPercent';
const SUMMARY = `query($from: DateTime, $to: DateTime) { adminBillingSummary(from: $from, to: $to) {
  from to testMode grossRevenueUsd packagesRevenueUsd subscriptionsRevenueUsd autoRechargeRevenueUsd refundsUsd disputesUsd stripeFeesUsd
  paymentsWithoutFee netRevenueUsd providerCostUsd byokCostUsd grossProfitUsd marginPercent creditsSold creditsGranted creditsConsumed
  creditsExpired creditsClawedBack outstandingCredits outstandingPaidCredits outstandingPromotionalCredits outstandingLiabilityUsd mrrUsd
  activeSubscriptions subscriptionsByTier { tierCode tierName count mrrUsd }
  byDay { day grossRevenueUsd refundsUsd stripeFeesUsd netRevenueUsd providerCostUsd grossProfitUsd creditsSold creditsConsumed
    outstandingCredits outstandingPaidCredits outstandingLiabilityUsd mrrUsd activeSubscriptions }
  byModel { modelId provider ${ECONOMICS} } byProvider { provider ${ECONOMICS} }
  byTier { tierCode tierName users grossRevenueUsd netRevenueUsd activeSubscriptions mrrUsd ${ECONOMICS} } } }`;
const USERS = `query($from: DateTime, $to: DateTime) { adminUserEconomics(from: $from, to: $to, first: 100) { nodes {
  userId grossRevenueUsd netRevenueUsd providerCostUsd grossProfitUsd marginPercent creditsConsumed balance available burnPerDay7d burnPerDay30d runwayDays } } }`;
const RUNWAY = `query($d: Float) { adminRunwayWatch(thresholdDays: $d, first: 100) { nodes { userId runwayDays } } }`;
// Σ over paid grants of remaining × what their payment paid per paid credit, each share down to the n$ (the bonus grant is not paid credit).
const LIABILITY_SQL = `select coalesce(sum(floor(g.remaining::numeric * p.amount_cents * 10000000 / p.credits)), 0)::text as nano
  from credit_grant g join ledger_entry e on e.id = g.entry_id
  join payment p on g.reference in ('checkout:' || p.checkout_session_id, 'invoice:' || p.stripe_invoice_id)
  where g.source in ('purchase', 'subscription', 'rollover') and g.remaining > 0 and p.amount_cents > 0 and e.idempotency_key not like '%:bonus'`;
const RECONCILE = `query($from: DateTime, $to: DateTime) { adminProviderReconciliation(from: $from, to: $to) {
  day provider inputTokens outputTokens listCostUsd cachedUsd byokUsd expectedCostUsd errorCostUsd meteredCostUsd differenceUsd unexplainedUsd } }`;

/** A signed 6-digit decimal string ("-0.001850", "3414.687016") as an integer of millionths, for the identities. */
function millionths(s: string): bigint {
  const negative = s.startsWith('-');
  const [whole, fraction = ''] = s.replace('-', '').split('.');
  const value = BigInt(whole!) * 1_000_000n + BigInt(fraction.padEnd(6, '0'));
  return negative ? -value : value;
}

/** profit × 100 ÷ revenue in hundredths, rounded half away from zero (docs/analytics.md), from the figures as sent. */
function margin(profit: bigint, revenue: bigint): string {
  const scaled = profit * 10_000n;
  const q = scaled / revenue;
  const r = scaled % revenue;
  const away = 2n * (r < 0n ? -r : r) >= (revenue < 0n ? -revenue : revenue) ? (scaled < 0n !== revenue < 0n ? -1n : 1n) : 0n;
  const h = q + away;
  const abs = h < 0n ? -h : h;
  return `${h < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

describe('analytics exactness: a scripted month, every figure by hand', () => {
  let w: MonthWorld;
  let days: MonthDays;
  let ids: MonthIds;

  beforeAll(async () => {
    await awayFromMidnight();
    w = await startMonthWorld();
    days = monthDays();
    ids = await runScriptedMonth(w, days);
  });
  afterAll(async () => {
    if (w) expect(await ledgerAudit(w.t, w.admin)).toMatchObject({ violations: [] });
    await stopMonthWorld(w);
  });

  const summary = async (from: Date, to: Date) =>
    ok(await w.t.gql(SUMMARY, { from: from.toISOString(), to: to.toISOString() }, w.admin), 'adminBillingSummary');

  it('the scenario moved the money it says: balances, payments, expiry, rollover and clawbacks (read from the ledger and payments)', async () => {
    // A: 10 sign-up − 0.312984 spent today + 1,500 + 375 bonus; B: 10 + 500 rollover + 1,000; C: 10 (all 500 taken back); D: 10.
    expect((await balanceOf(w.t, ids.buyer.token)).balance).toBe(1_884_687_016n);
    expect((await balanceOf(w.t, ids.subscriber.token)).balance).toBe(1_510_000_000n);
    expect((await balanceOf(w.t, ids.disputer.token)).balance).toBe(10_000_000n);
    expect((await balanceOf(w.t, ids.byok.token)).balance).toBe(10_000_000n);
    const rows = await w.t.app.sql.query(
      `select kind, status, amount_cents, fee_cents, amount_refunded_cents, credits_clawed_back::text as clawed from payment order by seq`,
    );
    expect(rows).toEqual([
      { kind: 'package', status: 'paid', amount_cents: 1500, fee_cents: 73, amount_refunded_cents: 0, clawed: '0' },
      { kind: 'package', status: 'disputed', amount_cents: 500, fee_cents: 44, amount_refunded_cents: 200, clawed: '500000000' },
      { kind: 'subscription', status: 'paid', amount_cents: 900, fee_cents: 56, amount_refunded_cents: 0, clawed: '0' },
      { kind: 'subscription', status: 'paid', amount_cents: 900, fee_cents: null, amount_refunded_cents: 0, clawed: '0' },
    ]);
    const flows = await w.t.app.sql.query(
      `select type, sum(amount)::text as amount from ledger_entry where type in ('expiry', 'clawback', 'rollover') group by type order by type`,
    );
    expect(flows).toEqual([
      { type: 'clawback', amount: '-500000000' },
      { type: 'expiry', amount: '-1005000000' },
      { type: 'rollover', amount: '500000000' },
    ]);
    const [sum] = await w.t.app.sql.query(`select sum(balance)::text as balances from credit_account`);
    expect(sum!.balances).toBe('3414687016'); // = outstandingCredits
  });

  it('every scalar figure over [yesterday, tomorrow) equals the hand-computed value', async () => {
    const s = await summary(days.yesterday, days.tomorrow);
    const { subscriptionsByTier, byDay: _d, byModel: _m, byProvider: _p, byTier: _b, from, to, ...scalars } = s;
    expect(scalars).toEqual(WHOLE);
    expect([new Date(from).getTime(), new Date(to).getTime()]).toEqual([days.yesterday.getTime(), days.tomorrow.getTime()]);
    expect(subscriptionsByTier.filter((r: { count: number }) => r.count > 0)).toEqual([
      { tierCode: 'starter', tierName: 'Starter', count: 1, mrrUsd: '9.000000' },
    ]);
  });

  it('the identities hold: profit, net, outstanding split, Σ balances', async () => {
    for (const [from, to] of [
      [days.yesterday, days.tomorrow],
      [days.today, days.tomorrow],
      [days.yesterday, days.today],
    ] as const) {
      const s = await summary(from, to);
      const m = (k: string) => millionths(s[k]);
      expect(m('grossProfitUsd')).toBe(m('grossRevenueUsd') - m('refundsUsd') - m('stripeFeesUsd') - m('providerCostUsd'));
      expect(m('netRevenueUsd')).toBe(m('grossRevenueUsd') - m('refundsUsd') - m('stripeFeesUsd'));
      expect(m('grossRevenueUsd')).toBe(m('packagesRevenueUsd') + m('subscriptionsRevenueUsd') + m('autoRechargeRevenueUsd'));
      expect(m('outstandingCredits')).toBe(m('outstandingPaidCredits') + m('outstandingPromotionalCredits'));
      expect(s.marginPercent).toBe(m('netRevenueUsd') === 0n ? null : margin(m('grossProfitUsd'), m('netRevenueUsd')));
    }
    const [liability] = await w.t.app.sql.query(LIABILITY_SQL);
    expect(liability!.nano).toBe('28500000000');
    expect(millionths((await summary(days.today, days.tomorrow)).outstandingLiabilityUsd) * 1000n).toBe(BigInt(liability!.nano));
    const [sum] = await w.t.app.sql.query(`select sum(balance)::text as balances from credit_account`);
    expect(millionths((await summary(days.today, days.tomorrow)).outstandingCredits)).toBe(BigInt(sum!.balances));
  });

  it("ranges are half-open in UTC: from today's midnight holds today only, to today's midnight holds yesterday only", async () => {
    const {
      subscriptionsByTier: _t,
      byDay: todayDays,
      byModel: _m,
      byProvider: _p,
      byTier: _b,
      from: _f,
      to: _to,
      ...today
    } = await summary(days.today, days.tomorrow);
    expect(today).toEqual(TODAY);
    expect(todayDays.map((d: { day: string }) => d.day)).toEqual([day(days.today)]);
    const y = await summary(days.yesterday, days.today);
    expect(y).toMatchObject(YESTERDAY);
    expect(y.byDay.map((d: { day: string }) => d.day)).toEqual([day(days.yesterday)]);
    expect(y.byModel.map((r: { modelId: string }) => r.modelId).sort()).toEqual(['openai/gpt-4o', 'openai/gpt-4o-mini']);
  });

  it('defaults to the current UTC month up to the next midnight; a bound off a UTC midnight is BAD_USER_INPUT', async () => {
    const {
      subscriptionsByTier: _t,
      byDay: _d,
      byModel: _m,
      byProvider: _p,
      byTier: _b,
      from,
      to: _to,
      ...scalars
    } = ok(await w.t.gql(SUMMARY, {}, w.admin), 'adminBillingSummary');
    // Yesterday is in this month unless today is the 1st.
    const sameMonth = days.yesterday.getUTCMonth() === days.today.getUTCMonth();
    expect(scalars).toEqual(sameMonth ? WHOLE : TODAY);
    expect(new Date(from).getTime()).toBe(Date.UTC(days.today.getUTCFullYear(), days.today.getUTCMonth(), 1));
    const offMidnight = new Date(days.today.getTime() + 3_600_000).toISOString();
    expect(errorCode(await w.t.gql(SUMMARY, { from: offMidnight, to: days.tomorrow.toISOString() }, w.admin))).toBe('BAD_USER_INPUT');
    expect(errorCode(await w.t.gql(SUMMARY, { from: days.today.toISOString(), to: days.today.toISOString() }, w.admin))).toBe('BAD_USER_INPUT');
  });

  it('byDay lists both days with their own flows and end-of-day positions', async () => {
    const s = await summary(days.yesterday, days.tomorrow);
    const [yesterday, today] = BY_DAY({ yesterday: day(days.yesterday), today: day(days.today) });
    expect(s.byDay).toHaveLength(2);
    expect(s.byDay[0]).toMatchObject(yesterday!);
    expect(s.byDay[1]).toEqual(today);
  });

  it('byModel and byProvider: requests, tokens, credits, revenue, cost, profit and margin per row, largest cost first', async () => {
    const s = await summary(days.yesterday, days.tomorrow);
    expect(s.byModel).toEqual(BY_MODEL);
    expect(s.byProvider).toEqual(BY_PROVIDER);
  });

  it('provider reconciliation: list price − cache hits − BYOK = expected; metered − expected is the failed call', async () => {
    const res = ok(await w.t.gql(RECONCILE, { from: days.yesterday.toISOString(), to: days.tomorrow.toISOString() }, w.admin), 'adminProviderReconciliation');
    const expected = RECONCILIATION({ yesterday: day(days.yesterday), today: day(days.today) });
    const key = (r: { day: string; provider: string }) => `${r.day} ${r.provider}`;
    expect([...res].sort((a, b) => key(a).localeCompare(key(b)))).toMatchObject([...expected].sort((a, b) => key(a).localeCompare(key(b))));
  });

  it('byTier: each user in the tier they are on now, with their payments, subscriptions and usage', async () => {
    const rows = (await summary(days.yesterday, days.tomorrow)).byTier as Array<{ tierCode: string }>;
    const tier = (code: string) => rows.find((r) => r.tierCode === code);
    expect(tier('pro')).toMatchObject(BY_TIER.pro);
    expect(tier('starter')).toMatchObject(BY_TIER.starter);
    expect(tier('free')).toMatchObject(BY_TIER.free);
  });

  it('per-user economics and runway: revenue, cost, margin, balance, burn rates; the runway watch lists by threshold', async () => {
    const nodes = ok(await w.t.gql(USERS, { from: days.yesterday.toISOString(), to: days.tomorrow.toISOString() }, w.admin), 'adminUserEconomics')
      .nodes as Array<{ userId: string }>;
    const of = (u: { id: string }) => nodes.find((n) => n.userId === u.id);
    expect(of(ids.buyer)).toMatchObject(BY_USER.buyer);
    expect(of(ids.subscriber)).toMatchObject(BY_USER.subscriber);
    expect(of(ids.disputer)).toMatchObject(BY_USER.disputer);
    expect(of(ids.byok)).toMatchObject(BY_USER.byok);
    const watch = async (d: number) => ok(await w.t.gql(RUNWAY, { d }, w.admin), 'adminRunwayWatch').nodes as Array<{ userId: string; runwayDays: string }>;
    // A has 35,088.7 days left, over the largest threshold (365); nobody else spends: nobody is running out.
    expect(await watch(7)).toEqual([]);
    expect(await watch(365)).toEqual([]);
  });
});
