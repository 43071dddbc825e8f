import { useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import type { AdminUsersQuery } from '../../gql/graphql';
import { useCursorPager } from '../../ui/useCursorPager';

export const USERS_PAGE_SIZE = 25;

const AdminUsersDocument = graphql(`
  query AdminUsers($search: String, $first: Int, $after: String) {
    adminUsers(search: $search, first: $first, after: $after) {
      nodes {
        id
        email
        role
        tierCode
        createdAt
        suspendedAt
        balance
        available
        debt
      }
      pageInfo {
        endCursor
        hasNextPage
      }
      totalCount
    }
  }
`);

export type AdminUserListItem = AdminUsersQuery['adminUsers']['nodes'][number];

/** One page of users whose email contains `search`, or whose id is `search` (already debounced). */
export function useAdminUsers(search: string) {
  const pager = useCursorPager(search);
  const { data, previousData, loading, error } = useQuery(AdminUsersDocument, {
    variables: { search: search || null, first: USERS_PAGE_SIZE, after: pager.after },
    // Balances and suspensions change under the admin's feet: never a page from the cache alone.
    fetchPolicy: 'cache-and-network',
  });
  // The last page stays on show, marked stale, while the next loads (as on the accounts page).
  return { connection: (data ?? previousData)?.adminUsers, stale: !data, pager, loading, error };
}
