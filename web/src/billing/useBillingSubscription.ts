import { useQuery } from '@apollo/client/react';
import { getFragmentData, graphql } from '../gql';
import { useRefetchOnBalanceChange } from './useRefetchOnBalanceChange';

/**
 * The user's subscription, shared by the Billing page, the tier page and the past-due banner (one
 * cached answer). A paid invoice (allocation, recovery from past-due) raises the balance, so with
 * `live` a rise refetches it; mutations write their answer over it.
 */
/** What every screen reads of the subscription: the query and each mutation's answer select exactly this. */
export const BillingSubscriptionFields = graphql(`
  fragment BillingSubscriptionFields on BillingSubscription {
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
`);

export const BillingSubscriptionQuery = graphql(`
  query BillingSubscription {
    subscription {
      ...BillingSubscriptionFields
    }
  }
`);

export function useBillingSubscription({ live = false }: { live?: boolean } = {}) {
  const { data, error, refetch, loading } = useQuery(BillingSubscriptionQuery, { fetchPolicy: 'cache-and-network' });
  useRefetchOnBalanceChange(refetch, { rises: true, enabled: live });
  return { subscription: getFragmentData(BillingSubscriptionFields, data?.subscription) ?? null, loaded: data !== undefined, loading, error, refetch };
}
