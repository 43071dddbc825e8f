import { useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import type { AdminUserPaymentsQuery } from '../../gql/graphql';
import { useCursorPager } from '../../ui/useCursorPager';

export const USER_PAYMENTS_PAGE_SIZE = 10;

const AdminUserPaymentsDocument = graphql(`
  query AdminUserPayments($id: ID!, $first: Int, $after: String) {
    adminUser(id: $id) {
      id
      payments(first: $first, after: $after) {
        nodes {
          id
          kind
          status
          amountUsd
          refundedUsd
          feeUsd
          credits
          creditsGranted
          packageCode
          testMode
          createdAt
          paidAt
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

export type UserPayment = AdminUserPaymentsQuery['adminUser']['payments']['nodes'][number];

/** The user's payments, newest first, a page at a time. */
export function useUserPayments(userId: string) {
  const pager = useCursorPager(userId);
  const { data, previousData, loading, error } = useQuery(AdminUserPaymentsDocument, {
    variables: { id: userId, first: USER_PAYMENTS_PAGE_SIZE, after: pager.after },
    fetchPolicy: 'cache-and-network',
  });
  return { connection: (data ?? previousData)?.adminUser.payments, stale: !data, pager, loading, error };
}
