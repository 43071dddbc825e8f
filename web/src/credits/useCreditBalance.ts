import { useQuery } from '@apollo/client/react';
import { graphql } from '../gql';

/**
 * The signed-in user's balance. Every reader (top-bar widget, banner, dashboard card) shares this
 * one cached result; `useBalanceUpdates` keeps it current from the `balanceChanged` subscription.
 */
export const CreditBalanceQuery = graphql(`
  query CreditBalance {
    creditBalance {
      balance
      held
      available
      lowBalanceThreshold
      lowBalance
    }
  }
`);

export function useCreditBalance() {
  const { data, error } = useQuery(CreditBalanceQuery);
  return { balance: data?.creditBalance, error };
}
