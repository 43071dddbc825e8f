import { formatCredits, formatPercent, formatUsd } from '../../ui/format-money';
import { Figure } from './Figure';
import type { AdminUserDetail } from './useAdminUser';

/** What the user brought in and cost this UTC month, and how long their credit lasts (docs/analytics.md). */
export function EconomicsCard({ economics }: { economics: AdminUserDetail['economics'] }) {
  const e = economics;
  return (
    <section className="card user-card" aria-labelledby="user-economics-title" data-testid="user-economics">
      <h2 id="user-economics-title">Economics</h2>
      <p className="muted">This UTC month; burn and runway from the last 7 and 30 days.</p>
      <dl className="user-figures">
        <Figure label="Revenue" exact={`$${e.grossRevenueUsd} gross, $${e.netRevenueUsd} net of refunds and Stripe fees`} value={e.netRevenueUsd}>
          {formatUsd(e.netRevenueUsd)}
        </Figure>
        <Figure label="Provider cost" exact={`$${e.providerCostUsd}`} value={e.providerCostUsd}>
          {formatUsd(e.providerCostUsd)}
        </Figure>
        <Figure label="Gross profit" exact={`$${e.grossProfitUsd}`} value={e.grossProfitUsd}>
          {formatUsd(e.grossProfitUsd)}
        </Figure>
        <Figure label="Margin" exact={e.marginPercent ? `${e.marginPercent}%` : 'No revenue: no margin'} value={e.marginPercent}>
          {formatPercent(e.marginPercent)}
        </Figure>
        <Figure label="Consumed" exact={`${e.creditsConsumed} credits`} value={e.creditsConsumed}>
          {formatCredits(e.creditsConsumed)}
        </Figure>
        <Figure label="Burn / day (7 d)" exact={`${e.burnPerDay7d} credits a day`} value={e.burnPerDay7d}>
          {formatCredits(e.burnPerDay7d)}
        </Figure>
        <Figure label="Burn / day (30 d)" exact={`${e.burnPerDay30d} credits a day`} value={e.burnPerDay30d}>
          {formatCredits(e.burnPerDay30d)}
        </Figure>
        <Figure label="Runway" exact={e.runwayDays ? `${e.runwayDays} days` : 'Nothing is being spent'} testId="user-runway" value={e.runwayDays}>
          {e.runwayDays ? `${e.runwayDays} days` : '—'}
        </Figure>
      </dl>
    </section>
  );
}
