/**
 * Analytics exactness (issue 12): the scripted month (scripted-month.ts) through the real paths, then
 * every figure of adminBillingSummary against the value computed by hand (scripted-month.expected.ts)
 * to the micro-dollar, the identities of docs/analytics.md, and half-open UTC ranges.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balanceOf, ledgerAudit, ok } from '../../gateway/__tests__/support.js';
import { awayFromMidnight, monthDays, runScriptedMonth, startMonthWorld, stopMonthWorld, type MonthDays, type MonthIds, type MonthWorld } from './scripted-month.js';
import { BY_DAY, BY_MODEL, BY_PROVIDER, RECONCILIATION, TODAY, WHOLE, YESTERDAY } from './scripted-month.expected.js';

const ECONOMICS = 'requests cachedRequests errorRequests byokRequests inputTokens outputTokens creditsConsumed usageRevenueUsd providerCostUsd byokCostUsd grossProfitUsd marginPercent';
const SUMMARY = `query($from: DateTime, $to: DateTime) { adminBillingSummary(from: $from, to: $to) {
  from to testMode grossRevenueUsd packagesRevenueUsd subscriptionsRevenueUsd autoRechargeRevenueUsd refundsUsd disputesUsd stripeFeesUsd
  paymentsWithoutFee netRevenueUsd providerCostUsd byokCostUsd grossProfitUsd marginPercent creditsSold creditsGranted creditsConsumed
  creditsExpired creditsClawedBack outstandingCredits outstandingPaidCredits outstandingPromotionalCredits outstandingLiabilityUsd mrrUsd
  activeSubscriptions subscriptionsByTier { tierCode tierName count mrrUsd }
  byDay { day grossRevenueUsd refundsUsd stripeFeesUsd netRevenueUsd providerCostUsd grossProfitUsd creditsSold creditsConsumed
    outstandingCredits outstandingPaidCredits outstandingLiabilityUsd mrrUsd activeSubscriptions }
  byModel { modelId provider ${ECONOMICS} } byProvider { provider ${ECONOMICS} } } }`;
const RECONCILE = `query($from: DateTime, $to: DateTime) { adminProviderReconciliation(from: $from, to: $to) {
  day provider inputTokens outputTokens listCostUsd cachedUsd byokUsd expectedCostUsd errorCostUsd meteredCostUsd differenceUsd unexplainedUsd } }`;

/** A signed 6-digit decimal string ("-0.001850", "3414.687016") as an integer of millionths, for the identities. */
function millionths(s: string): bigint {
  const negative = s.startsWith('-');
  const [whole, fraction = ''] = s.replace('-', '').split('.');
  const value = BigInt(whole!) * 1_000_000n + BigInt(fraction.padEnd(6, '0'));
  return negative ? -value : value;
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

  const summary = async (from: Date, to: Date) => ok(await w.t.gql(SUMMARY, { from: from.toISOString(), to: to.toISOString() }, w.admin), 'adminBillingSummary');

  it('the scenario moved the money it says: balances, payments, expiry, rollover and clawbacks (read from the ledger and payments)', async () => {
    // A: 10 sign-up − 0.312984 spent today + 1,500 + 375 bonus; B: 10 + 500 rollover + 1,000; C: 10 (all 500 taken back); D: 10.
    expect((await balanceOf(w.t, ids.buyer.token)).balance).toBe(1_884_687_016n);
    expect((await balanceOf(w.t, ids.subscriber.token)).balance).toBe(1_510_000_000n);
    expect((await balanceOf(w.t, ids.disputer.token)).balance).toBe(10_000_000n);
    expect((await balanceOf(w.t, ids.byok.token)).balance).toBe(10_000_000n);
    const rows = await w.t.app.sql.query(
      `select kind, status, amount_cents, fee_cents, amount_refunded_cents, credits_clawed_back::text as clawed from payment order by seq`);
    expect(rows).toEqual([
      { kind: 'package', status: 'paid', amount_cents: 1500, fee_cents: 73, amount_refunded_cents: 0, clawed: '0' },
      { kind: 'package', status: 'disputed', amount_cents: 500, fee_cents: 44, amount_refunded_cents: 200, clawed: '500000000' },
      { kind: 'subscription', status: 'paid', amount_cents: 900, fee_cents: 56, amount_refunded_cents: 0, clawed: '0' },
      { kind: 'subscription', status: 'paid', amount_cents: 900, fee_cents: null, amount_refunded_cents: 0, clawed: '0' },
    ]);
    const flows = await w.t.app.sql.query(`select type, sum(amount)::text as amount from ledger_entry where type in ('expiry', 'clawback', 'rollover') group by type order by type`);
    expect(flows).toEqual([{ type: 'clawback', amount: '-500000000' }, { type: 'expiry', amount: '-1000000000' }, { type: 'rollover', amount: '500000000' }]);
    const [sum] = await w.t.app.sql.query(`select sum(balance)::text as balances from credit_account`);
    expect(sum!.balances).toBe('3414687016'); // = outstandingCredits
  });

  it('every scalar figure over [yesterday, tomorrow) equals the hand-computed value', async () => {
    const s = await summary(days.yesterday, days.tomorrow);
    const { subscriptionsByTier, byDay: _d, byModel: _m, byProvider: _p, from, to, ...scalars } = s;
    expect(scalars).toEqual(WHOLE);
    expect([new Date(from).getTime(), new Date(to).getTime()]).toEqual([days.yesterday.getTime(), days.tomorrow.getTime()]);
    expect(subscriptionsByTier.filter((r: { count: number }) => r.count > 0)).toEqual([{ tierCode: 'starter', tierName: 'Starter', count: 1, mrrUsd: '9.000000' }]);
  });

  it('the identities hold: profit, net, outstanding split, Σ balances', async () => {
    for (const [from, to] of [[days.yesterday, days.tomorrow], [days.today, days.tomorrow], [days.yesterday, days.today]] as const) {
      const s = await summary(from, to);
      const m = (k: string) => millionths(s[k]);
      expect(m('grossProfitUsd')).toBe(m('grossRevenueUsd') - m('refundsUsd') - m('stripeFeesUsd') - m('providerCostUsd'));
      expect(m('netRevenueUsd')).toBe(m('grossRevenueUsd') - m('refundsUsd') - m('stripeFeesUsd'));
      expect(m('grossRevenueUsd')).toBe(m('packagesRevenueUsd') + m('subscriptionsRevenueUsd') + m('autoRechargeRevenueUsd'));
      expect(m('outstandingCredits')).toBe(m('outstandingPaidCredits') + m('outstandingPromotionalCredits'));
    }
    const [sum] = await w.t.app.sql.query(`select sum(balance)::text as balances from credit_account`);
    expect(millionths((await summary(days.today, days.tomorrow)).outstandingCredits)).toBe(BigInt(sum!.balances));
  });

  it('ranges are half-open in UTC: from today\'s midnight holds today only, to today\'s midnight holds yesterday only', async () => {
    const { subscriptionsByTier: _t, byDay: todayDays, byModel: _m, byProvider: _p, from: _f, to: _to, ...today } = await summary(days.today, days.tomorrow);
    expect(today).toEqual(TODAY);
    expect(todayDays.map((d: { day: string }) => d.day)).toEqual([day(days.today)]);
    const y = await summary(days.yesterday, days.today);
    expect(y).toMatchObject(YESTERDAY);
    expect(y.byDay.map((d: { day: string }) => d.day)).toEqual([day(days.yesterday)]);
    expect(y.byModel.map((r: { modelId: string }) => r.modelId).sort()).toEqual(['openai/gpt-4o', 'openai/gpt-4o-mini']);
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
});
