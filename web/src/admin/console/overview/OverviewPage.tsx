import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { RetryAlert } from '../../../ui/RetryAlert';
import { RangePicker } from '../range/RangePicker';
import { apiRange } from '../range/utc-range';
import { useUtcRange } from '../range/useUtcRange';
import { OverviewBody } from './OverviewBody';
import { BillingSummaryQuery, readSummary } from './summary-query';

/** What we earned, what it cost, what we owe, over a range of UTC days kept in the URL. */
export function OverviewPage() {
  const rangeState = useUtcRange();
  const { range, problem } = rangeState;
  const { data, previousData, error, loading, refetch } = useQuery(BillingSummaryQuery, {
    variables: apiRange(range),
    skip: !!problem,
  });
  const shown = (data ?? previousData)?.adminBillingSummary;
  const summary = useMemo(() => shown && readSummary(shown), [shown]);

  return (
    <section className="page console-page" data-testid="console-overview">
      <div className="page-head">
        <div>
          <h1>Overview</h1>
          <p className="muted">Revenue, provider cost, margin and what we owe, for whole UTC days.</p>
        </div>
      </div>
      <RangePicker state={rangeState} />
      {error && <RetryAlert error={error} onRetry={refetch} />}
      {!summary && loading && (
        <p className="muted" aria-busy="true" data-testid="overview-loading">
          Loading the figures…
        </p>
      )}
      {summary && !problem && <OverviewBody summary={summary} range={range} busy={loading} />}
    </section>
  );
}
