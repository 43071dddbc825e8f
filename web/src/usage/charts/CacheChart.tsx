import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DailyPoint } from '../chart-data';
import { ChartTooltip } from './ChartTooltip';
import { hoveredPoint } from './chart-point';

/** Requests per day, split into those the cache answered and those a provider did. */
export function CacheChart({ points }: { points: DailyPoint[] }) {
  const cached = points.reduce((total, point) => total + point.cachedRequests, 0);
  return (
    <figure className="card chart-card" data-testid="chart-cached-by-day" data-cached={cached}>
      <figcaption>
        <h2>Cached requests by day</h2>
        <p className="muted">Answers from the cache cost nothing (or the cache-hit price).</p>
      </figcaption>
      <div className="chart-area" role="img" aria-label={`Requests per day, ${cached} answered from the cache`}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid vertical={false} stroke="var(--border)" />
            <XAxis dataKey="label" tick={{ fill: 'var(--text-muted)', fontSize: 12 }} stroke="var(--border)" minTickGap={12} />
            <YAxis allowDecimals={false} tick={{ fill: 'var(--text-muted)', fontSize: 12 }} stroke="var(--border)" width={40} />
            <Tooltip
              cursor={{ fill: 'var(--surface-2)' }}
              content={(props) => {
                const point = hoveredPoint<DailyPoint>(props);
                return point ? (
                  <ChartTooltip
                    active={props.active}
                    title={point.day}
                    lines={[
                      { label: 'From the cache', count: point.cachedRequests },
                      { label: 'From a provider', count: point.providerRequests },
                      { label: 'Saved', credits: point.creditsSaved },
                    ]}
                  />
                ) : null;
              }}
            />
            <Legend wrapperStyle={{ fontSize: 12, color: 'var(--text-muted)' }} />
            <Bar dataKey="cachedRequests" name="From the cache" stackId="requests" fill="var(--success)" maxBarSize={32} isAnimationActive={false} />
            <Bar dataKey="providerRequests" name="From a provider" stackId="requests" fill="var(--accent)" maxBarSize={32} radius={[3, 3, 0, 0]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
