import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { ModelPoint } from '../chart-data';
import { AXIS, ChartFrame, creditTick, CURSOR, GRID_STROKE, tooltipFrom } from './ChartFrame';

const ROW_HEIGHT = 34;

const modelTooltip = tooltipFrom<ModelPoint>((point) => ({
  title: point.model,
  lines: [
    { label: 'Charged', credits: point.credits },
    { label: 'Requests', count: point.requests },
    { label: 'From the cache', count: point.cachedRequests },
  ],
}));

/** Credits charged per model, largest first, as horizontal bars (model ids are long). */
export function SpendByModelChart({ points }: { points: ModelPoint[] }) {
  return (
    <ChartFrame
      title="Spend by model"
      note="Largest first; the cache's answers count for the model asked."
      label="Credits charged per model"
      height={Math.max(160, points.length * ROW_HEIGHT + 40)}
      data={{ 'data-testid': 'chart-spend-by-model', 'data-models': points.map((point) => point.model).join(',') }}
    >
      <BarChart data={points} layout="vertical" margin={{ top: 0, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid horizontal={false} stroke={GRID_STROKE} />
        <XAxis type="number" tickFormatter={creditTick} {...AXIS} />
        <YAxis type="category" dataKey="model" width={150} {...AXIS} tick={{ ...AXIS.tick, fill: 'var(--text)' }} />
        <Tooltip cursor={CURSOR} content={modelTooltip} />
        {/* spendValue: the charge as a number, for the bar's length only. */}
        <Bar dataKey="spendValue" name="Credits" fill="var(--accent)" radius={[0, 3, 3, 0]} maxBarSize={26} isAnimationActive={false} />
      </BarChart>
    </ChartFrame>
  );
}
