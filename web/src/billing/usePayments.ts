import { useQuery } from '@apollo/client/react';
import { graphql } from '../gql';
import { useCursorPager } from '../ui/useCursorPager';
import { useRefetchOnBalanceChange } from './useRefetchOnBalanceChange';

export const PAYMENTS_PAGE_SIZE = 10;

const PaymentsQuery = graphql(`
  query Payments($first: Int, $after: String) {
    payments(first: $first, after: $after) {
      nodes {
        id
        ...PaymentRow_Payment
      }
      pageInfo {
        endCursor
        hasNextPage
      }
      totalCount
    }
  }
`);

/** One page of the user's payments, newest first; refreshed when a grant moves the balance. */
export function usePayments() {
  const pager = useCursorPager('payments');
  const { data, previousData, loading, error, refetch } = useQuery(PaymentsQuery, {
    variables: { first: PAYMENTS_PAGE_SIZE, after: pager.after },
    fetchPolicy: 'cache-and-network',
  });
  useRefetchOnBalanceChange(refetch);
  const connection = (data ?? previousData)?.payments;
  return { connection, stale: !data, pager, loading, error };
}
