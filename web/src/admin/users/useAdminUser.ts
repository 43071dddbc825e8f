import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { graphql } from '../../gql';
import type { AdminUserDetailQuery } from '../../gql/graphql';
import { utcMidnight, utcDay, type UsageRange } from '../../usage/usage-range';

// Named: every action on the page refetches it by name for the new balance, tier or state.
const AdminUserDetailDocument = graphql(`
  query AdminUserDetail($id: ID!, $usageFrom: DateTime, $usageTo: DateTime) {
    adminUser(id: $id) {
      id
      email
      kind
      teamName
      billingEmail
      ownerEmail
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
      usageByDay(from: $usageFrom, to: $usageTo) {
        ...DailyUsageFields
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

/** How the page names the account: a team's own email is a synthetic address, never shown. */
export function accountName(user: Pick<AdminUserDetail, 'kind' | 'teamName' | 'email'>): string {
  return user.kind === 'team' ? `${user.teamName ?? 'A team'} (team)` : user.email;
}

const CHART_DAYS = 30;
const DAY_MS = 86_400_000;

/** The chart's days: the last 30 UTC days, today included (both ends, as the usage page's ranges). */
export function lastUtcDays(now: Date, days = CHART_DAYS): UsageRange {
  return { from: utcDay(new Date(now.getTime() - (days - 1) * DAY_MS)), to: utcDay(now) };
}

/** One user's page: everything but the paged lists (transactions, payments), fetched on their own. */
export function useAdminUser(id: string) {
  // Fixed when the page opens, so a refetch asks for the same days.
  const [usageRange] = useState(() => lastUtcDays(new Date()));
  const { data, loading, error, refetch } = useQuery(AdminUserDetailDocument, {
    variables: {
      id,
      // Half-open [from, to): UTC midnight of the first day to UTC midnight after the last.
      usageFrom: utcMidnight(usageRange.from)!.toISOString(),
      usageTo: new Date(utcMidnight(usageRange.to)!.getTime() + DAY_MS).toISOString(),
    },
    // Another admin, or the user, may have moved credit since: always ask the server.
    fetchPolicy: 'cache-and-network',
  });
  return { user: data?.adminUser, usageRange, loading, error, refetch };
}
