import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { sumCredits, plotCredits } from '../../usage/chart-data';
import { AXIS, ChartFrame, creditTick, CURSOR, GRID_STROKE, tooltipFrom } from '../../usage/charts/ChartFrame';
import { formatCredits } from '../../ui/format-money';
import type { AdminUserDetail } from './useAdminUser';

type Row = AdminUserDetail['usageByDay'][number];
interface Point extends Row {
  /** The charge as a number, for the bar's height only; tooltips and totals use `credits`. */
  spendValue: number;
}

const tooltip = tooltipFrom<Point>((point) => ({
  title: point.day,
  lines: [
    { label: 'Charged', credits: point.credits },
    { label: 'Requests', count: point.requests },
    { label: 'From the cache', count: point.cachedRequests },
    { label: 'Errors', count: point.errorRequests },
  ],
}));

/** The user's spend per UTC day over the last 30 days (the rollup's days with usage). */
export function UsageChart({ days }: { days: AdminUserDetail['usageByDay'] }) {
  if (days.length === 0) {
    return (
      <section className="card user-card" aria-labelledby="user-usage-title">
        <h2 id="user-usage-title">Usage</h2>
        <p className="empty" data-testid="user-usage-empty">
          No usage in the last 30 days.
        </p>
      </section>
    );
  }
  const points: Point[] = days.map((row) => ({ ...row, spendValue: plotCredits(row.credits) }));
  const total = sumCredits(days.map((row) => row.credits));
  const requests = days.reduce((sum, row) => sum + row.requests, 0);
  return (
    <ChartFrame
      title="Usage by day"
      note={
        <>
          <span title={`${total} credits`}>{formatCredits(total)}</span> credits, {requests.toLocaleString()} requests over the last 30 days (UTC)
        </>
      }
      label={`Credits charged per day, ${formatCredits(total)} in all`}
      data={{ 'data-testid': 'user-usage-chart', 'data-total': total, 'data-requests': requests }}
    >
      <BarChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} stroke={GRID_STROKE} />
        <XAxis dataKey="day" {...AXIS} minTickGap={12} />
        <YAxis tickFormatter={creditTick} {...AXIS} width={56} />
        <Tooltip cursor={CURSOR} content={tooltip} />
        <Bar dataKey="spendValue" name="Credits" fill="var(--accent)" radius={[3, 3, 0, 0]} maxBarSize={32} isAnimationActive={false} />
      </BarChart>
    </ChartFrame>
  );
}
