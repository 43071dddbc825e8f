import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { anyNonZero, type DayPoint } from './chart-points';
import { AXIS, ConsoleChart, CURSOR, GRID_STROKE, tooltipFrom, usdTick } from './ConsoleChart';

const dayTooltip = tooltipFrom<DayPoint>((point) => ({
  title: `${point.day} (UTC)`,
  lines: [
    { label: 'Gross revenue', value: point.exact.grossRevenueUsd, kind: 'usd' },
    { label: 'Net revenue', value: point.exact.netRevenueUsd, kind: 'usd' },
    { label: 'Provider cost', value: point.exact.providerCostUsd, kind: 'usd' },
    { label: 'Gross profit', value: point.exact.grossProfitUsd, kind: 'usd' },
  ],
}));

/** Gross revenue next to provider cost for every UTC day of the range. */
export function RevenueCostChart({ points }: { points: DayPoint[] }) {
  return (
    <ConsoleChart
      title="Revenue vs provider cost"
      note="By UTC day. Hover a day for net revenue and profit."
      label="Gross revenue and provider cost per day"
      testId="chart-revenue-cost"
      empty={anyNonZero(points, 'revenue', 'cost') ? undefined : 'No revenue and no provider cost in this range.'}
    >
      <BarChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} stroke={GRID_STROKE} />
        <XAxis dataKey="label" {...AXIS} minTickGap={12} />
        <YAxis tickFormatter={usdTick} {...AXIS} width={64} />
        <Tooltip cursor={CURSOR} content={dayTooltip} />
        <Legend wrapperStyle={{ fontSize: 12, color: 'var(--text-muted)' }} />
        <Bar dataKey="revenue" name="Gross revenue" fill="var(--accent)" radius={[3, 3, 0, 0]} maxBarSize={24} isAnimationActive={false} />
        <Bar dataKey="cost" name="Provider cost" fill="var(--danger)" radius={[3, 3, 0, 0]} maxBarSize={24} isAnimationActive={false} />
      </BarChart>
    </ConsoleChart>
  );
}
