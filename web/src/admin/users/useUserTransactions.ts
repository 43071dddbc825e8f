import { useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import type { AdminUserTransactionsQuery } from '../../gql/graphql';
import { useCursorPager } from '../../ui/useCursorPager';

export const USER_TRANSACTIONS_PAGE_SIZE = 20;

const AdminUserTransactionsDocument = graphql(`
  query AdminUserTransactions($id: ID!, $first: Int, $after: String) {
    adminUser(id: $id) {
      id
      transactions(first: $first, after: $after) {
        nodes {
          id
          type
          amount
          balanceAfter
          description
          reference
          actorType
          createdAt
        }
        pageInfo {
          endCursor
          hasNextPage
        }
        totalCount
      }
    }
  }
`);

export type UserTransaction = AdminUserTransactionsQuery['adminUser']['transactions']['nodes'][number];

/** The user's ledger, newest first, a page at a time. */
export function useUserTransactions(userId: string) {
  const pager = useCursorPager(userId);
  const { data, previousData, loading, error, refetch } = useQuery(AdminUserTransactionsDocument, {
    variables: { id: userId, first: USER_TRANSACTIONS_PAGE_SIZE, after: pager.after },
    fetchPolicy: 'cache-and-network',
  });
  return { connection: (data ?? previousData)?.adminUser.transactions, stale: !data, pager, loading, error, refetch };
}
