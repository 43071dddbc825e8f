import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from 'recharts';
import type { MarginPoint } from './chart-points';
import { AXIS, ConsoleChart, CURSOR, GRID_STROKE, tooltipFrom } from './ConsoleChart';

const marginTooltip = tooltipFrom<MarginPoint>((point) => ({
  title: point.name,
  lines: [
    { label: 'Margin', value: point.exact.marginPercent, kind: 'percent' },
    { label: 'Usage revenue', value: point.exact.usageRevenueUsd, kind: 'usd' },
    { label: 'Provider cost', value: point.exact.providerCostUsd, kind: 'usd' },
    { label: 'Gross profit', value: point.exact.grossProfitUsd, kind: 'usd' },
  ],
}));

/**
 * Usage margin per model or per tier: the credits spent (at the nominal credit price) against what
 * the providers billed. A negative margin is drawn in the danger colour.
 */
export function MarginChart({ title, points, testId, noun }: { title: string; points: MarginPoint[]; testId: string; noun: string }) {
  const height = Math.max(160, points.length * 36 + 48);
  return (
    <ConsoleChart
      title={title}
      note="Usage revenue (credits spent × the credit price) minus provider cost, over usage revenue."
      label={`Margin by ${noun}`}
      testId={testId}
      height={height}
      empty={points.length === 0 ? `No usage with revenue by ${noun} in this range.` : undefined}
    >
      <BarChart data={points} layout="vertical" margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid horizontal={false} stroke={GRID_STROKE} />
        <XAxis
          type="number"
          {...AXIS}
          tickFormatter={(value: number) => `${value}%`}
          domain={[(min: number) => Math.min(0, min), (max: number) => Math.max(100, max)]}
        />
        <YAxis type="category" dataKey="name" {...AXIS} width={120} />
        <Tooltip cursor={CURSOR} content={marginTooltip} />
        <Bar dataKey="margin" name="Margin" maxBarSize={22} isAnimationActive={false}>
          {points.map((point) => (
            <Cell key={point.name} fill={point.margin < 0 ? 'var(--danger)' : 'var(--success)'} />
          ))}
        </Bar>
      </BarChart>
    </ConsoleChart>
  );
}
