import type { ResultOf } from '@graphql-typed-document-node/core';
import { getFragmentData, graphql, type FragmentType } from '../../../gql';

/** The usage figures every breakdown row (model, provider, tier) has: the schema's UsageEconomics. */
export const UsageEconomicsFragment = graphql(`
  fragment UsageEconomicsFields on UsageEconomics {
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
`);

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
        ...UsageEconomicsFields
      }
      byProvider {
        provider
        ...UsageEconomicsFields
      }
      byTier {
        tierCode
        tierName
        users
        grossRevenueUsd
        netRevenueUsd
        activeSubscriptions
        mrrUsd
        ...UsageEconomicsFields
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
          ...UserFigures_UserEconomics
        }
      }
    }
  }
`);

type MaskedSummary = ResultOf<typeof BillingSummaryQuery>['adminBillingSummary'];
/** The usage figures every breakdown row (model, provider, tier) has. */
export type UsageFigures = ResultOf<typeof UsageEconomicsFragment>;
type WithUsage<Row> = Omit<Row, ' $fragmentRefs'> & UsageFigures;
export type ModelRow = WithUsage<MaskedSummary['byModel'][number]>;
export type ProviderRow = WithUsage<MaskedSummary['byProvider'][number]>;
export type TierRow = WithUsage<MaskedSummary['byTier'][number]>;
export type UsageRow = ModelRow | ProviderRow | TierRow;
/** The summary as the overview reads it: each breakdown row with its usage figures. */
export type BillingSummary = Omit<MaskedSummary, 'byModel' | 'byProvider' | 'byTier'> & { byModel: ModelRow[]; byProvider: ProviderRow[]; byTier: TierRow[] };
export type DayRow = BillingSummary['byDay'][number];
export type SubscriptionRow = BillingSummary['subscriptionsByTier'][number];

function withUsage<Row extends FragmentType<typeof UsageEconomicsFragment>>(rows: readonly Row[]): WithUsage<Row>[] {
  return rows.map((row) => ({ ...row, ...getFragmentData(UsageEconomicsFragment, row) }));
}

/** The query's answer with the breakdowns' usage figures read out of their fragment. */
export function readSummary(summary: MaskedSummary): BillingSummary {
  return { ...summary, byModel: withUsage(summary.byModel), byProvider: withUsage(summary.byProvider), byTier: withUsage(summary.byTier) };
}
