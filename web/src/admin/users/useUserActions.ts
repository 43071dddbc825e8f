import { useApolloClient, useMutation } from '@apollo/client/react';
import { graphql } from '../../gql';

const AdminSetTierDocument = graphql(`
  mutation AdminSetUserTier($userId: ID!, $tier: String!) {
    adminSetTier(userId: $userId, tier: $tier) {
      id
      tier {
        code
      }
    }
  }
`);

const AdminSuspendUserDocument = graphql(`
  mutation AdminSuspendUser($userId: ID!, $reason: String!) {
    adminSuspendUser(userId: $userId, reason: $reason) {
      id
      suspendedAt
      suspendedReason
    }
  }
`);

const AdminReactivateUserDocument = graphql(`
  mutation AdminReactivateUser($userId: ID!) {
    adminReactivateUser(userId: $userId) {
      id
      suspendedAt
      suspendedReason
    }
  }
`);

/** The queries of the user page, refetched by name after anything changes the user. */
export const USER_PAGE_QUERIES = ['AdminUserDetail', 'AdminUserTransactions', 'AdminUserPayments'];

/** Refetches whatever of the user page is on show (after a credit action, whose hook knows nothing of it). */
export function useRefreshUserPage() {
  const client = useApolloClient();
  return () => client.refetchQueries({ include: USER_PAGE_QUERIES });
}

/**
 * Tier change, suspension and reactivation of one user. Each awaits the page's refetch, so a
 * dialog closes on the new state rather than the old one.
 */
export function useUserActions(userId: string) {
  const options = { refetchQueries: USER_PAGE_QUERIES, awaitRefetchQueries: true };
  const [setTier, tierState] = useMutation(AdminSetTierDocument, options);
  const [suspend, suspendState] = useMutation(AdminSuspendUserDocument, options);
  const [reactivate, reactivateState] = useMutation(AdminReactivateUserDocument, options);
  return {
    setTier: async (tier: string) => void (await setTier({ variables: { userId, tier } })),
    suspend: async (reason: string) => void (await suspend({ variables: { userId, reason } })),
    reactivate: async () => void (await reactivate({ variables: { userId } })),
    pending: tierState.loading || suspendState.loading || reactivateState.loading,
  };
}
