import { skipToken, useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { graphql } from '../gql';
import { memberSeries } from './member-usage';
import { rangeProblem, rangeToVariables, type UsageRange } from './usage-range';

const UsageByMemberQuery = graphql(`
  query UsageByMember($from: DateTime, $to: DateTime) {
    usageByMember(from: $from, to: $to) {
      userId
      email
      requests
      tokens
      cost
    }
  }
`);

/**
 * The acting team's usage per member over the page's range (an owner or admin gets every member,
 * a member their own line: the server decides). Skipped on a personal account.
 */
export function useUsageByMember(range: UsageRange, enabled: boolean) {
  const problem = rangeProblem(range);
  const { data, previousData, error } = useQuery(
    UsageByMemberQuery,
    enabled && !problem ? { variables: rangeToVariables(range), fetchPolicy: 'cache-and-network' } : skipToken,
  );
  const shown = data ?? previousData;
  const members = useMemo(() => (shown ? memberSeries(shown.usageByMember) : undefined), [shown]);
  return { members, error, stale: data === undefined && previousData !== undefined };
}
