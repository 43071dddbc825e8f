import { useApolloClient, useSubscription } from '@apollo/client/react';
import { useEffect, useRef } from 'react';
import { graphql } from '../gql';
import { CreditBalanceQuery } from './useCreditBalance';

const BalanceChangedSubscription = graphql(`
  subscription BalanceChanged {
    balanceChanged {
      balance
      held
      available
      lowBalanceThreshold
      lowBalance
    }
  }
`);

/** What a balance change makes stale: the history, the grant buckets, and (a completion) the usage figures. */
const STALE_AFTER_A_CHANGE = ['creditTransactions', 'creditGrants', 'usageSummary', 'usageByDay', 'usageByModel', 'cacheStats', 'overage'];

/** History and grants lag a burst of changes (a run of API calls) by this much, refetched once. */
const LIST_REFRESH_DELAY_MS = 300;

/**
 * Keeps the cached balance live: each `balanceChanged` event replaces `creditBalance` in the cache
 * at once, so every reader re-renders without a request. The transaction history, grant buckets and
 * usage figures changed too; they are evicted (after a short pause, once per burst) so whichever screen shows
 * them refetches, and screens not on show fetch afresh when opened. Mount once, in the app layout.
 */
export function useBalanceUpdates(): void {
  const client = useApolloClient();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  useSubscription(BalanceChangedSubscription, {
    onData: ({ data }) => {
      const balance = data.data?.balanceChanged;
      if (!balance) return;
      client.cache.writeQuery({ query: CreditBalanceQuery, data: { creditBalance: balance } });
      clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        for (const fieldName of STALE_AFTER_A_CHANGE) client.cache.evict({ id: 'ROOT_QUERY', fieldName });
        client.cache.gc();
      }, LIST_REFRESH_DELAY_MS);
    },
  });
}
