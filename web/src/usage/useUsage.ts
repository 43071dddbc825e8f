import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { graphql } from '../gql';
import { dailySeries, modelSeries } from './chart-data';
import { rangeProblem, rangeToVariables, type UsageRange } from './usage-range';

const UsagePageQuery = graphql(`
  query UsagePage($from: DateTime!, $to: DateTime!) {
    usageSummary(from: $from, to: $to) {
      requests
      cachedRequests
      errorRequests
      inputTokens
      outputTokens
      credits
      creditsSaved
    }
    usageByDay(from: $from, to: $to) {
      day
      requests
      cachedRequests
      errorRequests
      credits
      creditsSaved
    }
    usageByModel(from: $from, to: $to) {
      service
      model
      requests
      cachedRequests
      credits
      creditsSaved
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
  const days = useMemo(() => (shown ? dailySeries(shown.usageByDay, range) : []), [shown, range]);
  const models = useMemo(() => (shown ? modelSeries(shown.usageByModel) : []), [shown]);
  return {
    summary: shown?.usageSummary,
    cache: shown?.cacheStats,
    days,
    models,
    error,
    loading,
    stale: data === undefined && previousData !== undefined,
    rangeProblem: problem,
  };
}
