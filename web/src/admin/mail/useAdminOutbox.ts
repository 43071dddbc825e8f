import { useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import type { AdminMailOutboxQuery } from '../../gql/graphql';
import { useCursorPager } from '../../ui/useCursorPager';

export const OUTBOX_PAGE_SIZE = 20;

const AdminMailOutboxDocument = graphql(`
  query AdminMailOutbox($to: String, $first: Int, $after: String) {
    adminMailOutbox(to: $to, first: $first, after: $after) {
      nodes {
        id
        createdAt
        to
        userId
        kind
        subject
        text
        status
        transport
        error
      }
      pageInfo {
        endCursor
        hasNextPage
      }
      totalCount
    }
  }
`);

export type OutboxMail = AdminMailOutboxQuery['adminMailOutbox']['nodes'][number];

/** One page of the outbox, newest first, for one address or all; another address starts at page 1. */
export function useAdminOutbox(to: string) {
  const pager = useCursorPager(to);
  const { data, previousData, loading, error, refetch } = useQuery(AdminMailOutboxDocument, {
    variables: { to: to || null, first: OUTBOX_PAGE_SIZE, after: pager.after },
    // Mail goes out all the time: always ask the server.
    fetchPolicy: 'cache-and-network',
  });
  return { connection: (data ?? previousData)?.adminMailOutbox, stale: !data, pager, loading, error, refetch };
}
