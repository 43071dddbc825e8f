import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { graphql } from '../../gql';
import { dailySeries, modelSeries } from '../../usage/chart-data';
import { rangeProblem, rangeToVariables, type UsageRange } from '../../usage/usage-range';

const AdminUsageQuery = graphql(`
  query AdminUsagePage($from: DateTime!, $to: DateTime!, $userId: ID) {
    adminUsageSummary(from: $from, to: $to, userId: $userId) {
      requests
      cachedRequests
      errorRequests
      inputTokens
      outputTokens
      credits
      creditsSaved
    }
    adminUsageByDay(from: $from, to: $to, userId: $userId) {
      day
      requests
      cachedRequests
      errorRequests
      credits
      creditsSaved
    }
    adminUsageByModel(from: $from, to: $to, userId: $userId) {
      service
      model
      requests
      cachedRequests
      credits
      creditsSaved
    }
    adminCacheStats {
      hits
      hitRate
      creditsSaved
    }
  }
`);

/** Usage across every account (or one, by userId) for a range: the user usage page's shapes, from the admin queries. */
export function useAdminUsage(range: UsageRange, userId: string | null) {
  const problem = rangeProblem(range);
  const variables = problem ? undefined : rangeToVariables(range);
  const { data, previousData, error, loading } = useQuery(AdminUsageQuery, {
    variables: { ...(variables ?? { from: '', to: '' }), userId },
    skip: !variables,
    fetchPolicy: 'cache-and-network',
  });
  const shown = data ?? previousData;
  const days = useMemo(() => (shown ? dailySeries(shown.adminUsageByDay, range) : []), [shown, range]);
  const models = useMemo(() => (shown ? modelSeries(shown.adminUsageByModel) : []), [shown]);
  return {
    summary: shown?.adminUsageSummary,
    cache: shown?.adminCacheStats,
    days,
    models,
    error,
    loading,
    stale: data === undefined && previousData !== undefined,
    rangeProblem: problem,
  };
}
