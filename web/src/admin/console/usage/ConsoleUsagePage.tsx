import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { describeProblem } from '../../../apollo/describe-problem';
import { problemFromError } from '../../../apollo/problem';
import { getFragmentData, graphql } from '../../../gql';
import { Alert } from '../../../ui/Alert';
import { dailySeries, modelSeries } from '../../../usage/chart-data';
import UsageCharts from '../../../usage/charts/UsageCharts';
import { DailyUsageFields, ModelUsageFields, UsageSummaryFields } from '../../../usage/usage-fragments';
import { UsageTotals } from '../../../usage/UsageTotals';
import '../../../usage/usage.css';
import { RangePicker } from '../range/RangePicker';
import { addDays, apiRange } from '../range/utc-range';
import { useUtcRange } from '../range/useUtcRange';

const ConsoleUsageQuery = graphql(`
  query ConsoleUsage($from: DateTime!, $to: DateTime!) {
    adminUsageSummary(from: $from, to: $to) {
      ...UsageSummaryFields
    }
    adminUsageByDay(from: $from, to: $to) {
      ...DailyUsageFields
    }
    adminUsageByModel(from: $from, to: $to) {
      ...ModelUsageFields
    }
  }
`);

/**
 * Every account's usage over a range of UTC days: the user Usage page's totals and charts, fed by
 * the admin queries (no user filter), so the operator sees the platform rather than their own account.
 */
export function ConsoleUsagePage() {
  const rangeState = useUtcRange();
  const { range, problem } = rangeState;
  const { data, previousData, error, loading } = useQuery(ConsoleUsageQuery, { variables: apiRange(range), skip: !!problem });
  const shown = data ?? previousData;
  const summary = getFragmentData(UsageSummaryFields, shown?.adminUsageSummary);
  // The usage charts take the last day included; the console's `to` is the first day after.
  const days = useMemo(
    () => (shown ? dailySeries(getFragmentData(DailyUsageFields, shown.adminUsageByDay), { from: range.from, to: addDays(range.to, -1) }) : []),
    [shown, range.from, range.to],
  );
  const models = useMemo(() => (shown ? modelSeries(getFragmentData(ModelUsageFields, shown.adminUsageByModel)) : []), [shown]);

  return (
    <section className="page console-page" data-testid="console-usage">
      <div className="page-head">
        <div>
          <h1>Usage</h1>
          <p className="muted">Every account's requests, tokens and credits charged, by UTC day and by model.</p>
        </div>
      </div>
      <RangePicker state={rangeState} />
      {error && <Alert>{describeProblem(problemFromError(error))}</Alert>}
      {!shown && loading && <p className="muted">Loading usage…</p>}
      {summary && !problem && (
        <div className={loading ? 'is-busy' : undefined} aria-busy={loading}>
          <UsageTotals summary={summary} cache={undefined} />
          {summary.requests + summary.errorRequests === 0 ? (
            <p className="empty" data-testid="console-usage-empty">
              No usage in this range.
            </p>
          ) : (
            <UsageCharts days={days} models={models} />
          )}
        </div>
      )}
    </section>
  );
}
