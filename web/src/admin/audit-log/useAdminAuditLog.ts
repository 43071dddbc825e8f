import { useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import type { AdminAuditLogQuery } from '../../gql/graphql';
import { useCursorPager } from '../../ui/useCursorPager';

export const AUDIT_PAGE_SIZE = 25;

const AdminAuditLogDocument = graphql(`
  query AdminAuditLog($action: String, $actorId: ID, $targetId: ID, $first: Int, $after: String) {
    adminAuditLog(action: $action, actorId: $actorId, targetId: $targetId, first: $first, after: $after) {
      nodes {
        id
        createdAt
        action
        actorId
        actorEmail
        targetType
        targetId
        summary
        args
        before
        after
      }
      pageInfo {
        endCursor
        hasNextPage
      }
      totalCount
    }
  }
`);

export type AuditEntry = AdminAuditLogQuery['adminAuditLog']['nodes'][number];

export interface AuditFilters {
  action: string;
  actorId: string;
  targetId: string;
}

export const NO_AUDIT_FILTERS: AuditFilters = { action: '', actorId: '', targetId: '' };

/** One page of the audit log, newest first, under the (debounced) filters; a filter change starts at page 1. */
export function useAdminAuditLog(filters: AuditFilters) {
  const pager = useCursorPager(JSON.stringify(filters));
  const { data, previousData, loading, error } = useQuery(AdminAuditLogDocument, {
    variables: {
      action: filters.action || null,
      actorId: filters.actorId || null,
      targetId: filters.targetId || null,
      first: AUDIT_PAGE_SIZE,
      after: pager.after,
    },
    // New actions land all the time (this admin's included): always ask the server.
    fetchPolicy: 'cache-and-network',
  });
  return { connection: (data ?? previousData)?.adminAuditLog, stale: !data, pager, loading, error };
}
