import type { FigureColumn } from '../FigureTable';
import type { ModelRow, ProviderRow, SubscriptionRow, TierRow, UsageRow } from './summary-query';

/** The usage columns every breakdown shares (docs/analytics.md, "Breakdowns"). */
function usageColumns<Row extends UsageRow>(): FigureColumn<Row>[] {
  return [
    { label: 'Requests', kind: 'count', value: (r) => r.requests },
    { label: 'Cached', kind: 'count', value: (r) => r.cachedRequests, title: 'Answered from the cache: no provider cost' },
    { label: 'Errors', kind: 'count', value: (r) => r.errorRequests },
    { label: 'BYOK', kind: 'count', value: (r) => r.byokRequests, title: "On the user's own provider key" },
    { label: 'Input tokens', kind: 'count', value: (r) => r.inputTokens },
    { label: 'Output tokens', kind: 'count', value: (r) => r.outputTokens },
    { label: 'Credits consumed', kind: 'credits', value: (r) => r.creditsConsumed },
    { label: 'Usage revenue', kind: 'usd', value: (r) => r.usageRevenueUsd, title: 'Credits consumed at the nominal credit price' },
    { label: 'Provider cost', kind: 'usd', value: (r) => r.providerCostUsd, testId: 'row-provider-cost' },
    { label: 'BYOK cost', kind: 'usd', value: (r) => r.byokCostUsd, title: "Paid by the users' own keys, not in the cost" },
    { label: 'Gross profit', kind: 'usd', value: (r) => r.grossProfitUsd },
    { label: 'Margin', kind: 'percent', value: (r) => r.marginPercent, testId: 'row-margin' },
  ];
}

export const MODEL_COLUMNS: FigureColumn<ModelRow>[] = [
  { label: 'Model', kind: 'text', value: (r) => r.modelId },
  { label: 'Provider', kind: 'text', value: (r) => r.provider },
  ...usageColumns<ModelRow>(),
];

export const PROVIDER_COLUMNS: FigureColumn<ProviderRow>[] = [{ label: 'Provider', kind: 'text', value: (r) => r.provider }, ...usageColumns<ProviderRow>()];

export const TIER_COLUMNS: FigureColumn<TierRow>[] = [
  { label: 'Tier', kind: 'text', value: (r) => r.tierName },
  { label: 'Tier code', kind: 'text', value: (r) => r.tierCode },
  { label: 'Users', kind: 'count', value: (r) => r.users, title: 'Users on the tier now' },
  { label: 'Subscriptions', kind: 'count', value: (r) => r.activeSubscriptions },
  { label: 'MRR', kind: 'usd', value: (r) => r.mrrUsd },
  { label: 'Gross revenue', kind: 'usd', value: (r) => r.grossRevenueUsd, title: "The tier's users' payments in the range" },
  { label: 'Net revenue', kind: 'usd', value: (r) => r.netRevenueUsd },
  ...usageColumns<TierRow>(),
];

/** Model rows are keyed by model and provider (one model can be served by two). */
export const modelKey = (r: ModelRow) => `${r.modelId}@${r.provider}`;

/** Active paying subscriptions at the end of the range, by tier. */
export const SUBSCRIPTION_COLUMNS: FigureColumn<SubscriptionRow>[] = [
  { label: 'Tier', kind: 'text', value: (r) => r.tierName },
  { label: 'Tier code', kind: 'text', value: (r) => r.tierCode },
  { label: 'Active subscriptions', kind: 'count', value: (r) => r.count },
  { label: 'MRR', kind: 'usd', value: (r) => r.mrrUsd },
];
