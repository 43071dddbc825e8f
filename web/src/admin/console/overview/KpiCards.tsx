import { Figure } from '../Figure';
import type { BillingSummary } from './summary-query';

type Kind = 'usd' | 'credits' | 'percent' | 'count';
interface Kpi {
  key: keyof BillingSummary;
  label: string;
  kind: Kind;
  /** What the figure means (docs/analytics.md), on hover of the label. */
  hint: string;
}

/** The headline figures, grouped by the question each answers. */
const GROUPS: { title: string; kpis: Kpi[] }[] = [
  {
    title: 'What we earned',
    kpis: [
      { key: 'grossRevenueUsd', label: 'Gross revenue', kind: 'usd', hint: 'Payments received in the range' },
      { key: 'refundsUsd', label: 'Refunds & disputes', kind: 'usd', hint: 'On the day of the refund or dispute' },
      { key: 'stripeFeesUsd', label: 'Stripe fees', kind: 'usd', hint: "Stripe's recorded fees of these payments" },
      { key: 'netRevenueUsd', label: 'Net revenue', kind: 'usd', hint: 'Gross − refunds − Stripe fees' },
    ],
  },
  {
    title: 'What it cost',
    kpis: [
      { key: 'providerCostUsd', label: 'Provider cost', kind: 'usd', hint: 'What the providers bill us (no BYOK, no cache hits)' },
      { key: 'grossProfitUsd', label: 'Gross profit', kind: 'usd', hint: 'Net revenue − provider cost' },
      { key: 'marginPercent', label: 'Margin', kind: 'percent', hint: 'Gross profit ÷ net revenue' },
      { key: 'byokCostUsd', label: 'BYOK cost (not ours)', kind: 'usd', hint: "What BYOK calls would have cost on our keys; the users' keys paid" },
    ],
  },
  {
    title: 'Credits in the range',
    kpis: [
      { key: 'creditsSold', label: 'Credits sold', kind: 'credits', hint: 'Paid package and subscription credit' },
      { key: 'creditsGranted', label: 'Credits granted free', kind: 'credits', hint: 'Sign-up, coupons, bonuses, referrals, admin grants' },
      { key: 'creditsConsumed', label: 'Credits consumed', kind: 'credits', hint: 'Charged for usage' },
      { key: 'creditsExpired', label: 'Credits expired', kind: 'credits', hint: 'Taken by expiry' },
    ],
  },
  {
    title: 'What we owe (end of range)',
    kpis: [
      { key: 'outstandingPaidCredits', label: 'Outstanding paid', kind: 'credits', hint: 'Credit users paid for, still unspent' },
      { key: 'outstandingPromotionalCredits', label: 'Outstanding promotional', kind: 'credits', hint: 'Free and bonus credit, still unspent' },
      { key: 'outstandingLiabilityUsd', label: 'Liability', kind: 'usd', hint: 'Outstanding paid credit at the price it was bought for' },
      { key: 'mrrUsd', label: 'MRR', kind: 'usd', hint: "Active paying subscriptions × their tier's monthly price" },
      { key: 'activeSubscriptions', label: 'Active subscriptions', kind: 'count', hint: 'Active, past due or trialing' },
    ],
  },
];

export function KpiCards({ summary }: { summary: BillingSummary }) {
  return (
    <div className="kpi-groups" data-testid="kpi-cards">
      {GROUPS.map((group) => (
        <section key={group.title} className="kpi-group" aria-label={group.title}>
          <h2 className="kpi-group-title">{group.title}</h2>
          <div className="kpi-grid">
            {group.kpis.map((kpi) => (
              <div key={kpi.key} className="card kpi-card">
                <span className="kpi-label" title={kpi.hint}>
                  {kpi.label}
                </span>
                <span className="kpi-value">
                  <KpiValue summary={summary} kpi={kpi} />
                </span>
              </div>
            ))}
          </div>
        </section>
      ))}
      {summary.paymentsWithoutFee > 0 && (
        <p className="muted" data-testid="payments-without-fee">
          {summary.paymentsWithoutFee} payment{summary.paymentsWithoutFee === 1 ? '' : 's'} without a recorded Stripe fee yet (counted as $0).
        </p>
      )}
    </div>
  );
}

function KpiValue({ summary, kpi }: { summary: BillingSummary; kpi: Kpi }) {
  const value = summary[kpi.key];
  const testId = `kpi-${kpi.key}`;
  if (kpi.kind === 'count') {
    return (
      <span data-testid={testId} data-value={String(value)}>
        {Number(value).toLocaleString('en-US')}
      </span>
    );
  }
  return <Figure value={value as string | null} kind={kpi.kind} testId={testId} />;
}
