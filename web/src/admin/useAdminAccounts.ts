import { useQuery } from '@apollo/client/react';
import { graphql } from '../gql';
import { useCursorPager } from '../ui/useCursorPager';

export const ACCOUNTS_PAGE_SIZE = 25;

// Named: the credit actions refetch it by name after moving credit.
const AdminAccountsQuery = graphql(`
  query AdminAccounts($search: String, $first: Int, $after: String) {
    adminAccounts(search: $search, first: $first, after: $after) {
      nodes {
        user {
          id
        }
        ...AccountRow_AdminAccount
      }
      pageInfo {
        endCursor
        hasNextPage
      }
      totalCount
    }
  }
`);

/** One page of accounts whose email contains `search` (already debounced by the caller). */
export function useAdminAccounts(search: string) {
  const pager = useCursorPager(search);
  const { data, previousData, loading, error } = useQuery(AdminAccountsQuery, {
    variables: { search: search || null, first: ACCOUNTS_PAGE_SIZE, after: pager.after },
    // Balances move all the time; a page shown from the cache alone would be stale.
    fetchPolicy: 'cache-and-network',
  });
  // As on the transactions page: the last page stays on show, marked stale, while the next loads.
  return { connection: (data ?? previousData)?.adminAccounts, stale: !data, pager, loading, error };
}
