import { Area, AreaChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { anyNonZero, type DayPoint } from './chart-points';
import { AXIS, ConsoleChart, GRID_STROKE, tooltipFrom, usdTick } from './ConsoleChart';

const mrrTooltip = tooltipFrom<DayPoint>((point) => ({
  title: `End of ${point.day} (UTC)`,
  lines: [{ label: 'MRR', value: point.exact.mrrUsd, kind: 'usd' }],
}));

/** Monthly recurring revenue at the end of each day. */
export function MrrChart({ points }: { points: DayPoint[] }) {
  return (
    <ConsoleChart
      title="MRR"
      note="Active paying subscriptions × their tier's monthly price, at the end of each UTC day."
      label="Monthly recurring revenue per day"
      testId="chart-mrr"
      empty={anyNonZero(points, 'mrr') ? undefined : 'No paying subscriptions in this range.'}
    >
      <AreaChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} stroke={GRID_STROKE} />
        <XAxis dataKey="label" {...AXIS} minTickGap={12} />
        <YAxis tickFormatter={usdTick} {...AXIS} width={64} />
        <Tooltip content={mrrTooltip} />
        <Area type="linear" dataKey="mrr" name="MRR" stroke="var(--accent)" fill="var(--accent-soft)" isAnimationActive={false} />
      </AreaChart>
    </ConsoleChart>
  );
}
