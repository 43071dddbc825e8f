import { getFragmentData } from '../../gql';
import { dailySeries } from '../../usage/chart-data';
import { SpendByDayChart } from '../../usage/charts/SpendByDayChart';
import { DailyUsageFields } from '../../usage/usage-fragments';
import type { UsageRange } from '../../usage/usage-range';
import type { AdminUserDetail } from './useAdminUser';

interface Props {
  days: AdminUserDetail['usageByDay'];
  /** The days asked for: one bar each, a day without usage a zero bar. */
  range: UsageRange;
}

/** The user's spend per UTC day, the usage page's chart over the user's rollup rows. */
export function UsageChart({ days: masked, range }: Props) {
  const days = getFragmentData(DailyUsageFields, masked);
  if (days.length === 0) {
    return (
      <section className="card user-card" aria-labelledby="user-usage-title">
        <h2 id="user-usage-title">Usage</h2>
        <p className="empty" data-testid="user-usage-empty">
          No usage from {range.from} to {range.to} (UTC).
        </p>
      </section>
    );
  }
  const requests = days.reduce((sum, row) => sum + row.requests, 0);
  return (
    <div className="user-usage" data-testid="user-usage-chart" data-requests={requests}>
      <SpendByDayChart points={dailySeries(days, range)} />
    </div>
  );
}
