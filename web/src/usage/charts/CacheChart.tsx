import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { DailyPoint } from '../chart-data';
import { AXIS, ChartFrame, CURSOR, GRID_STROKE, tooltipFrom } from './ChartFrame';

const cacheTooltip = tooltipFrom<DailyPoint>((point) => ({
  title: point.day,
  lines: [
    { label: 'From the cache', count: point.cachedRequests },
    { label: 'From a provider', count: point.providerRequests },
    { label: 'Saved', credits: point.creditsSaved },
  ],
}));

/** Requests per day, split into those the cache answered and those a provider did. */
export function CacheChart({ points }: { points: DailyPoint[] }) {
  const cached = points.reduce((total, point) => total + point.cachedRequests, 0);
  return (
    <ChartFrame
      title="Cached requests by day"
      note="Answers from the cache cost nothing (or the cache-hit price)."
      label={`Requests per day, ${cached} answered from the cache`}
      data={{ 'data-testid': 'chart-cached-by-day', 'data-cached': cached }}
    >
      <BarChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} stroke={GRID_STROKE} />
        <XAxis dataKey="label" {...AXIS} minTickGap={12} />
        <YAxis allowDecimals={false} {...AXIS} width={40} />
        <Tooltip cursor={CURSOR} content={cacheTooltip} />
        <Legend wrapperStyle={{ fontSize: 12, color: 'var(--text-muted)' }} />
        <Bar dataKey="cachedRequests" name="From the cache" stackId="requests" fill="var(--success)" maxBarSize={32} isAnimationActive={false} />
        <Bar
          dataKey="providerRequests"
          name="From a provider"
          stackId="requests"
          fill="var(--accent)"
          maxBarSize={32}
          radius={[3, 3, 0, 0]}
          isAnimationActive={false}
        />
      </BarChart>
    </ChartFrame>
  );
}
