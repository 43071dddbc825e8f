import { useQuery } from '@apollo/client/react';
import { graphql } from '../gql';
import { useRefetchOnBalanceChange } from './useRefetchOnBalanceChange';

/**
 * The user's subscription, shared by the Billing page, the tier page and the past-due banner (one
 * cached answer). A paid invoice (allocation, recovery from past-due) raises the balance, so with
 * `live` a rise refetches it; mutations write their answer over it.
 */
export const BillingSubscriptionQuery = graphql(`
  query BillingSubscription {
    subscription {
      status
      currentPeriodEnd
      cancelAtPeriodEnd
      testMode
      tier {
        code
        name
      }
      pendingTier {
        code
        name
      }
    }
  }
`);

export function useBillingSubscription({ live = false }: { live?: boolean } = {}) {
  const { data, error, refetch, loading } = useQuery(BillingSubscriptionQuery, { fetchPolicy: 'cache-and-network' });
  useRefetchOnBalanceChange(refetch, { rises: true, enabled: live });
  return { subscription: data?.subscription ?? null, loaded: data !== undefined, loading, error, refetch };
}
