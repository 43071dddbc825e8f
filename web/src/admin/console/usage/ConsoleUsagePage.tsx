import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { describeProblem } from '../../../apollo/describe-problem';
import { problemFromError } from '../../../apollo/problem';
import { graphql } from '../../../gql';
import { Alert } from '../../../ui/Alert';
import { dailySeries, modelSeries } from '../../../usage/chart-data';
import UsageCharts from '../../../usage/charts/UsageCharts';
import { UsageTotals } from '../../../usage/UsageTotals';
import '../../../usage/usage.css';
import { RangePicker } from '../range/RangePicker';
import { addDays, apiRange } from '../range/utc-range';
import { useUtcRange } from '../range/useUtcRange';

const ConsoleUsageQuery = graphql(`
  query ConsoleUsage($from: DateTime!, $to: DateTime!) {
    adminUsageSummary(from: $from, to: $to) {
      requests
      cachedRequests
      errorRequests
      inputTokens
      outputTokens
      credits
      creditsSaved
    }
    adminUsageByDay(from: $from, to: $to) {
      day
      requests
      cachedRequests
      errorRequests
      credits
      creditsSaved
    }
    adminUsageByModel(from: $from, to: $to) {
      service
      model
      requests
      cachedRequests
      credits
      creditsSaved
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
  // The usage charts take the last day included; the console's `to` is the first day after.
  const days = useMemo(() => (shown ? dailySeries(shown.adminUsageByDay, { from: range.from, to: addDays(range.to, -1) }) : []), [shown, range.from, range.to]);
  const models = useMemo(() => (shown ? modelSeries(shown.adminUsageByModel) : []), [shown]);

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
      {shown && !problem && (
        <div className={loading ? 'is-busy' : undefined} aria-busy={loading}>
          <UsageTotals summary={shown.adminUsageSummary} cache={undefined} />
          {shown.adminUsageSummary.requests + shown.adminUsageSummary.errorRequests === 0 ? (
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
