import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { getFragmentData, graphql } from '../gql';
import { dailySeries, modelSeries } from './chart-data';
import { DailyUsageFields, ModelUsageFields, UsageSummaryFields } from './usage-fragments';
import { rangeProblem, rangeToVariables, type UsageRange } from './usage-range';

const UsagePageQuery = graphql(`
  query UsagePage($from: DateTime!, $to: DateTime!) {
    usageSummary(from: $from, to: $to) {
      ...UsageSummaryFields
    }
    usageByDay(from: $from, to: $to) {
      ...DailyUsageFields
    }
    usageByModel(from: $from, to: $to) {
      ...ModelUsageFields
    }
    cacheStats {
      hits
      hitRate
      creditsSaved
    }
  }
`);

/**
 * The usage page's data for a range: the server's totals and the chart series shaped from its
 * per-day and per-model rows. A range the server would refuse is not sent. A completion's
 * `balanceChanged` evicts these fields (useBalanceUpdates), so the page on show refetches.
 */
export function useUsage(range: UsageRange) {
  const problem = rangeProblem(range);
  const variables = problem ? undefined : rangeToVariables(range);
  const { data, previousData, error, loading } = useQuery(UsagePageQuery, {
    variables: variables ?? { from: '', to: '' },
    skip: !variables,
    fetchPolicy: 'cache-and-network',
  });
  // While a new range loads, the last one stays on show (dimmed) instead of a blank page.
  const shown = data ?? previousData;
  const days = useMemo(() => (shown ? dailySeries(getFragmentData(DailyUsageFields, shown.usageByDay), range) : []), [shown, range]);
  const models = useMemo(() => (shown ? modelSeries(getFragmentData(ModelUsageFields, shown.usageByModel)) : []), [shown]);
  return {
    summary: getFragmentData(UsageSummaryFields, shown?.usageSummary),
    cache: shown?.cacheStats,
    days,
    models,
    error,
    loading,
    stale: data === undefined && previousData !== undefined,
    rangeProblem: problem,
  };
}
