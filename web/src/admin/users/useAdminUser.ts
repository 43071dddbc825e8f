import { useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import type { AdminUserDetailQuery } from '../../gql/graphql';

// Named: every action on the page refetches it by name for the new balance, tier or state.
const AdminUserDetailDocument = graphql(`
  query AdminUserDetail($id: ID!) {
    adminUser(id: $id) {
      id
      email
      role
      tierCode
      createdAt
      suspendedAt
      suspendedReason
      balance
      held
      available
      debt
      subscriptionStatus
      subscription {
        status
        cancelAtPeriodEnd
        currentPeriodStart
        currentPeriodEnd
        testMode
        tier {
          code
          name
        }
        pendingTier {
          code
          name
        }
      }
      economics {
        grossRevenueUsd
        netRevenueUsd
        providerCostUsd
        grossProfitUsd
        marginPercent
        creditsConsumed
        burnPerDay7d
        burnPerDay30d
        runwayDays
      }
      grants(all: true) {
        id
        source
        amount
        remaining
        reference
        createdAt
        expiresAt
      }
      usageByDay {
        day
        requests
        errorRequests
        cachedRequests
        credits
      }
      apiKeys {
        id
        name
        prefix
        scopes
        createdAt
        lastUsedAt
        revokedAt
      }
      providerKeys {
        id
        provider
        last4
        createdAt
        lastUsedAt
      }
    }
  }
`);

export type AdminUserDetail = AdminUserDetailQuery['adminUser'];

/** One user's page: everything but the paged lists (transactions, payments), fetched on their own. */
export function useAdminUser(id: string) {
  const { data, loading, error, refetch } = useQuery(AdminUserDetailDocument, {
    variables: { id },
    // Another admin, or the user, may have moved credit since: always ask the server.
    fetchPolicy: 'cache-and-network',
  });
  return { user: data?.adminUser, loading, error, refetch };
}
