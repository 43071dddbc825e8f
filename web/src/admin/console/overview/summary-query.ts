import type { ResultOf } from '@graphql-typed-document-node/core';
import { graphql } from '../../../gql';

/** Every figure the overview shows, for one range; the per-user table pages on its own. */
export const BillingSummaryQuery = graphql(`
  query ConsoleBillingSummary($from: DateTime!, $to: DateTime!) {
    adminBillingSummary(from: $from, to: $to) {
      from
      to
      testMode
      grossRevenueUsd
      packagesRevenueUsd
      subscriptionsRevenueUsd
      autoRechargeRevenueUsd
      refundsUsd
      disputesUsd
      stripeFeesUsd
      paymentsWithoutFee
      netRevenueUsd
      providerCostUsd
      byokCostUsd
      grossProfitUsd
      marginPercent
      creditsSold
      creditsGranted
      creditsConsumed
      creditsExpired
      creditsClawedBack
      outstandingCredits
      outstandingPaidCredits
      outstandingPromotionalCredits
      outstandingLiabilityUsd
      mrrUsd
      activeSubscriptions
      subscriptionsByTier {
        tierCode
        tierName
        count
        mrrUsd
      }
      byDay {
        day
        grossRevenueUsd
        refundsUsd
        stripeFeesUsd
        netRevenueUsd
        providerCostUsd
        grossProfitUsd
        creditsSold
        creditsConsumed
        outstandingCredits
        outstandingPaidCredits
        outstandingLiabilityUsd
        mrrUsd
        activeSubscriptions
      }
      byModel {
        modelId
        provider
        requests
        cachedRequests
        errorRequests
        byokRequests
        inputTokens
        outputTokens
        creditsConsumed
        usageRevenueUsd
        providerCostUsd
        byokCostUsd
        grossProfitUsd
        marginPercent
      }
      byProvider {
        provider
        requests
        cachedRequests
        errorRequests
        byokRequests
        inputTokens
        outputTokens
        creditsConsumed
        usageRevenueUsd
        providerCostUsd
        byokCostUsd
        grossProfitUsd
        marginPercent
      }
      byTier {
        tierCode
        tierName
        users
        grossRevenueUsd
        netRevenueUsd
        activeSubscriptions
        mrrUsd
        requests
        cachedRequests
        errorRequests
        byokRequests
        inputTokens
        outputTokens
        creditsConsumed
        usageRevenueUsd
        providerCostUsd
        byokCostUsd
        grossProfitUsd
        marginPercent
      }
    }
  }
`);

/** The range's users, a page at a time (the summary's byUser). */
export const TopUsersQuery = graphql(`
  query ConsoleTopUsers($from: DateTime!, $to: DateTime!, $first: Int!, $after: String, $orderBy: UserEconomicsOrder) {
    adminBillingSummary(from: $from, to: $to) {
      from
      to
      byUser(first: $first, after: $after, orderBy: $orderBy) {
        totalCount
        pageInfo {
          endCursor
          hasNextPage
        }
        nodes {
          userId
          email
          tierCode
          suspendedAt
          grossRevenueUsd
          netRevenueUsd
          providerCostUsd
          grossProfitUsd
          marginPercent
          creditsConsumed
          balance
          available
          burnPerDay7d
          burnPerDay30d
          runwayDays
        }
      }
    }
  }
`);

export type BillingSummary = ResultOf<typeof BillingSummaryQuery>['adminBillingSummary'];
export type DayRow = BillingSummary['byDay'][number];
export type ModelRow = BillingSummary['byModel'][number];
export type ProviderRow = BillingSummary['byProvider'][number];
export type TierRow = BillingSummary['byTier'][number];
export type SubscriptionRow = BillingSummary['subscriptionsByTier'][number];
export type UserRow = ResultOf<typeof TopUsersQuery>['adminBillingSummary']['byUser']['nodes'][number];
/** The usage figures every breakdown row (model, provider, tier) has. */
export type UsageRow = ModelRow | ProviderRow | TierRow;
