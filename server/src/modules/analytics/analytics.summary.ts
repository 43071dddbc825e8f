import { systemClock } from '../../platform/clock.js';
import type { AnalyticsDeps } from './analytics.deps.js';
import { DailyClose } from './analytics.close.js';
import { dayTimeline } from './analytics.days.js';
import { paymentFigures, sumPayments, zeroPayments } from './analytics.payments.js';
import { dayOf, parseRange } from './analytics.range.js';
import { tierBreakdown } from './analytics.tiers.js';
import type { BillingDay, BillingSummary } from './analytics.types.js';
import { byCostDesc, economicsOf, groupUsage, usageRows, zeroUsage } from './analytics.usage.js';
import { centsToNano, creditUsdMicroOf, marginPercent, usd } from './analytics.usd.js';

/**
 * adminBillingSummary (docs/analytics.md): payments from `payment`, cost from `usage_daily`, credit
 * flows and end-of-day positions from the daily close (today live). Every read grows with
 * payments, users × days × models or days, never with the number of usage events.
 */
export class BillingSummaryService {
  readonly close: DailyClose;

  constructor(readonly deps: AnalyticsDeps) {
    this.close = new DailyClose(deps);
  }

  get creditUsdMicro(): bigint {
    return creditUsdMicroOf(this.deps.config.CREDIT_USD);
  }

  async summary(from: Date | null | undefined, to: Date | null | undefined): Promise<BillingSummary> {
    const now = (this.deps.clock ?? systemClock).now();
    const range = parseRange(from, to, now); // before anything is read or written
    const testMode = this.deps.testMode();
    await this.close.closeThrough(now);
    const { sql } = this.deps;
    const [days, payByDay, payByTier, usage] = await Promise.all([
      dayTimeline(this.close, range, now),
      paymentFigures(sql, testMode, range.from, range.to, 'day'),
      paymentFigures(sql, testMode, range.from, range.to, 'tier'),
      usageRows(sql, range.days[0]!, dayOf(range.to)),
    ]);
    const pay = sumPayments(payByDay.values());
    const net = pay.grossCents - pay.refundsCents - pay.feesCents;
    const use = groupUsage(usage, () => 'all').get('all') ?? zeroUsage();
    const profitNano = centsToNano(net) - use.costNano;
    const end = days[days.length - 1]!;
    const flows = days.reduce(
      (a, d) => ({
        sold: a.sold + d.flows.sold,
        granted: a.granted + d.flows.granted,
        expired: a.expired + d.flows.expired,
        clawedBack: a.clawedBack + d.flows.clawedBack,
      }),
      { sold: 0n, granted: 0n, expired: 0n, clawedBack: 0n },
    );
    const cu = this.creditUsdMicro;
    const usageByDay = groupUsage(usage, (r) => r.day);
    const byDay: BillingDay[] = days.map((d) => {
      const p = payByDay.get(d.day) ?? zeroPayments();
      const u = usageByDay.get(d.day) ?? zeroUsage();
      const dayNet = p.grossCents - p.refundsCents - p.feesCents;
      return {
        day: d.day,
        grossRevenueUsd: usd(p.grossCents, 'cents'),
        refundsUsd: usd(p.refundsCents, 'cents'),
        stripeFeesUsd: usd(p.feesCents, 'cents'),
        netRevenueUsd: usd(dayNet, 'cents'),
        providerCostUsd: usd(u.costNano),
        grossProfitUsd: usd(centsToNano(dayNet) - u.costNano),
        creditsSold: d.flows.sold,
        creditsConsumed: u.charged,
        outstandingCredits: d.position.paid + d.position.promotional,
        outstandingPaidCredits: d.position.paid,
        outstandingLiabilityUsd: usd(d.position.liabilityNano),
        mrrUsd: usd(d.subscriptions.mrrCents, 'cents'),
        activeSubscriptions: d.subscriptions.active,
      };
    });
    const models = [...groupUsage(usage, (r) => `${r.modelId}\u0000${r.provider}`)].sort(byCostDesc);
    const providers = [...groupUsage(usage, (r) => r.provider)].sort(byCostDesc);
    return {
      from: range.from,
      to: range.to,
      testMode,
      grossRevenueUsd: usd(pay.grossCents, 'cents'),
      packagesRevenueUsd: usd(pay.packagesCents, 'cents'),
      subscriptionsRevenueUsd: usd(pay.subscriptionsCents, 'cents'),
      autoRechargeRevenueUsd: usd(pay.autoRechargeCents, 'cents'),
      refundsUsd: usd(pay.refundsCents, 'cents'),
      disputesUsd: usd(pay.disputesCents, 'cents'),
      stripeFeesUsd: usd(pay.feesCents, 'cents'),
      paymentsWithoutFee: pay.withoutFee,
      netRevenueUsd: usd(net, 'cents'),
      providerCostUsd: usd(use.costNano),
      byokCostUsd: usd(use.byokNano),
      grossProfitUsd: usd(profitNano),
      marginPercent: marginPercent(profitNano, centsToNano(net)),
      creditsSold: flows.sold,
      creditsGranted: flows.granted,
      creditsConsumed: use.charged,
      creditsExpired: flows.expired,
      creditsClawedBack: flows.clawedBack,
      outstandingCredits: end.position.paid + end.position.promotional,
      outstandingPaidCredits: end.position.paid,
      outstandingPromotionalCredits: end.position.promotional,
      outstandingLiabilityUsd: usd(end.position.liabilityNano),
      mrrUsd: usd(end.subscriptions.mrrCents, 'cents'),
      activeSubscriptions: end.subscriptions.active,
      subscriptionsByTier: end.subscriptions.byTier.map((t) => ({
        tierCode: t.tierCode,
        tierName: t.tierName,
        count: t.count,
        mrrUsd: usd(t.mrrCents, 'cents'),
      })),
      byDay,
      byTier: await tierBreakdown(sql, usage, payByTier, end.subscriptions, cu),
      byModel: models.map(([k, s]) => ({ modelId: k.split('\u0000')[0]!, provider: k.split('\u0000')[1]!, ...economicsOf(s, cu) })),
      byProvider: providers.map(([provider, s]) => ({ provider, ...economicsOf(s, cu) })),
    } as BillingSummary;
  }
}
