import { useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import type { AdminTeamsQuery } from '../../gql/graphql';
import { useCursorPager } from '../../ui/useCursorPager';

export const TEAMS_PAGE_SIZE = 25;

const AdminTeamsDocument = graphql(`
  query AdminTeams($search: String, $first: Int, $after: String) {
    adminTeams(search: $search, first: $first, after: $after) {
      nodes {
        id
        name
        billingEmail
        ownerEmail
        memberCount
        tierCode
        balance
        createdAt
      }
      pageInfo {
        endCursor
        hasNextPage
      }
      totalCount
    }
  }
`);

export type AdminTeamListItem = AdminTeamsQuery['adminTeams']['nodes'][number];

/** One page of teams whose name or billing email contains `search`, or whose id is `search` (already debounced). */
export function useAdminTeams(search: string) {
  const pager = useCursorPager(search);
  const { data, previousData, loading, error } = useQuery(AdminTeamsDocument, {
    variables: { search: search || null, first: TEAMS_PAGE_SIZE, after: pager.after },
    // Balances and memberships change under the admin's feet: never a page from the cache alone.
    fetchPolicy: 'cache-and-network',
  });
  // The last page stays on show, marked stale, while the next loads (as on the users page).
  return { connection: (data ?? previousData)?.adminTeams, stale: !data, pager, loading, error };
}
