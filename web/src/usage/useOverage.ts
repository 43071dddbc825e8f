import { useQuery } from '@apollo/client/react';
import { graphql } from '../gql';

const OverageQuery = graphql(`
  query Overage {
    overage {
      periodStart
      periodEnd
      policy
      surchargeBps
      allowanceTokens
      usedTokens
      remainingTokens
      overageTokens
      overageCredits
      surchargeCredits
    }
  }
`);

/** This month's allowance and overage; a completion's `balanceChanged` evicts it (useBalanceUpdates), so it refetches. */
export function useOverage() {
  const { data, error } = useQuery(OverageQuery, { fetchPolicy: 'cache-and-network' });
  return { overage: data?.overage, error };
}
