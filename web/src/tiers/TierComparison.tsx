import { getFragmentData, graphql, type FragmentType } from '../gql';
import { useMediaQuery } from '../ui/useMediaQuery';
import { tierAction, type SubscriptionState } from './tier-action';
import type { TierHandlers } from './TierActionButton';
import { tierComparisonRows } from './tier-rows';
import { TierCards } from './TierCards';
import { TierTable } from './TierTable';

export const TierComparisonFragment = graphql(`
  fragment TierComparison_Tier on Tier {
    code
    name
    monthlyPriceUsd
    monthlyCredits
    rollover
    rolloverCap
    monthlyTokenAllowance
    monthlyRequestCap
    maxTokensPerRequest
    requestsPerMinute
    allowedPriceClasses
    allowedModels
    byokAllowed
    markupBps
    overage
    overageSurchargeBps
  }
`);

interface Props {
  tiers: readonly FragmentType<typeof TierComparisonFragment>[];
  currentCode: string;
  subscription: SubscriptionState | null;
  handlers: TierHandlers;
}

/** Phones get one card per tier; wider screens a table with the tiers side by side. */
const NARROW = '(max-width: 640px)';

export function TierComparison({ tiers: masked, currentCode, subscription, handlers }: Props) {
  const tiers = getFragmentData(TierComparisonFragment, masked);
  const narrow = useMediaQuery(NARROW);
  const rows = tierComparisonRows(tiers);
  const actions = tiers.map((tier) => tierAction(tier, currentCode, tiers, subscription));
  const Layout = narrow ? TierCards : TierTable;
  return <Layout tiers={tiers} rows={rows} actions={actions} currentCode={currentCode} handlers={handlers} />;
}
