import { dayPoints, marginPoints } from '../charts/chart-points';
import { LiabilityChart } from '../charts/LiabilityChart';
import { MarginChart } from '../charts/MarginChart';
import { MrrChart } from '../charts/MrrChart';
import { RevenueCostChart } from '../charts/RevenueCostChart';
import { isZero } from '../decimal';
import { FigureTable } from '../FigureTable';
import type { DayRange } from '../range/utc-range';
import { MODEL_COLUMNS, PROVIDER_COLUMNS, SUBSCRIPTION_COLUMNS, TIER_COLUMNS, modelKey } from './breakdown-columns';
import { KpiCards } from './KpiCards';
import type { BillingSummary } from './summary-query';
import { TopUsers } from './TopUsers';

/** Whether nothing at all happened in the range (then the page says so instead of drawing zeros). */
function isQuiet(s: BillingSummary): boolean {
  const zero = isZero;
  return (
    zero(s.grossRevenueUsd) &&
    zero(s.refundsUsd) &&
    zero(s.providerCostUsd) &&
    zero(s.creditsConsumed) &&
    zero(s.creditsSold) &&
    zero(s.creditsGranted) &&
    s.byModel.length === 0
  );
}

export function OverviewBody({ summary, range, busy }: { summary: BillingSummary; range: DayRange; busy: boolean }) {
  const points = dayPoints(summary.byDay);
  const suffix = `${range.from}_${range.to}`;
  return (
    <div className={`console-overview${busy ? ' is-busy' : ''}`} aria-busy={busy} data-testid="overview-body" data-from={range.from} data-to={range.to}>
      {summary.testMode && (
        <p className="badge badge-warning" data-testid="summary-test-mode">
          Test mode: these figures count test payments only
        </p>
      )}
      {isQuiet(summary) && (
        <p className="empty" data-testid="overview-empty">
          No payments, usage or credit grants in this range. Outstanding credit and MRR below are as of its end.
        </p>
      )}
      <KpiCards summary={summary} />
      <div className="console-charts">
        <RevenueCostChart points={points} />
        <MarginChart title="Margin by model" testId="chart-margin-model" noun="model" points={marginPoints(summary.byModel, (r) => r.modelId)} />
        <MarginChart title="Margin by tier" testId="chart-margin-tier" noun="tier" points={marginPoints(summary.byTier, (r) => r.tierName)} />
        <LiabilityChart points={points} />
        <MrrChart points={points} />
      </div>
      <FigureTable
        title="By model"
        note="Largest provider cost first."
        rows={summary.byModel}
        columns={MODEL_COLUMNS}
        rowKey={modelKey}
        testId="by-model"
        filename={`tollgate-by-model_${suffix}`}
        empty="No usage in this range."
      />
      <FigureTable
        title="By provider"
        rows={summary.byProvider}
        columns={PROVIDER_COLUMNS}
        rowKey={(r) => r.provider}
        testId="by-provider"
        filename={`tollgate-by-provider_${suffix}`}
        empty="No usage in this range."
      />
      <FigureTable
        title="By tier"
        note="Each user counts in the tier they are on now."
        rows={summary.byTier}
        columns={TIER_COLUMNS}
        rowKey={(r) => r.tierCode}
        testId="by-tier"
        filename={`tollgate-by-tier_${suffix}`}
        empty="No tiers."
      />
      <FigureTable
        title="Subscriptions by tier"
        note="Active paying subscriptions at the end of the range (a free-month coupon's are not counted)."
        rows={summary.subscriptionsByTier}
        columns={SUBSCRIPTION_COLUMNS}
        rowKey={(r) => r.tierCode}
        testId="subscriptions-by-tier"
        filename={`tollgate-subscriptions_${suffix}`}
        empty="No active paying subscriptions at the end of this range."
      />
      <TopUsers range={range} />
    </div>
  );
}
