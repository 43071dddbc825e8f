import { graphql } from '../gql';

/*
 * What the usage totals and charts read of the usage queries: the user's Usage page, the console's
 * Usage page (every account) and the chart on a user's page in the console select the same figures.
 */

/** The range's totals (UsageTotals). */
export const UsageSummaryFields = graphql(`
  fragment UsageSummaryFields on UsageSummary {
    requests
    cachedRequests
    errorRequests
    inputTokens
    outputTokens
    credits
    creditsSaved
  }
`);

/** A UTC day's row of the spend-by-day chart (chart-data's DailyUsageRow). */
export const DailyUsageFields = graphql(`
  fragment DailyUsageFields on DailyUsage {
    day
    requests
    cachedRequests
    errorRequests
    credits
    creditsSaved
  }
`);

/** A model's row of the by-model chart (chart-data's ModelUsageRow). */
export const ModelUsageFields = graphql(`
  fragment ModelUsageFields on ModelUsage {
    service
    model
    requests
    cachedRequests
    credits
    creditsSaved
  }
`);
