import { Area, AreaChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { anyNonZero, type DayPoint } from './chart-points';
import { AXIS, ConsoleChart, GRID_STROKE, tooltipFrom, usdTick } from './ConsoleChart';

const liabilityTooltip = tooltipFrom<DayPoint>((point) => ({
  title: `End of ${point.day} (UTC)`,
  lines: [{ label: 'Liability', value: point.exact.outstandingLiabilityUsd, kind: 'usd' }],
}));

/** What honouring the unspent paid credit is worth, at the end of each day. */
export function LiabilityChart({ points }: { points: DayPoint[] }) {
  return (
    <ConsoleChart
      title="Liability over time"
      note="Unspent paid credit at the price it was bought for, at the end of each UTC day."
      label="Outstanding liability per day"
      testId="chart-liability"
      empty={anyNonZero(points, 'liability') ? undefined : 'No paid credit outstanding in this range.'}
    >
      <AreaChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} stroke={GRID_STROKE} />
        <XAxis dataKey="label" {...AXIS} minTickGap={12} />
        <YAxis tickFormatter={usdTick} {...AXIS} width={64} />
        <Tooltip content={liabilityTooltip} />
        <Area type="linear" dataKey="liability" name="Liability" stroke="var(--warning)" fill="var(--warning-soft)" isAnimationActive={false} />
      </AreaChart>
    </ConsoleChart>
  );
}
