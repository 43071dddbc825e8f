import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ModelPoint } from '../chart-data';
import { ChartTooltip } from './ChartTooltip';
import { creditTick, hoveredPoint } from './chart-point';

const ROW_HEIGHT = 34;

/** Credits charged per model, largest first, as horizontal bars (model ids are long). */
export function SpendByModelChart({ points }: { points: ModelPoint[] }) {
  return (
    <figure className="card chart-card" data-testid="chart-spend-by-model" data-models={points.map((point) => point.model).join(',')}>
      <figcaption>
        <h2>Spend by model</h2>
        <p className="muted">Largest first; the cache&apos;s answers count for the model asked.</p>
      </figcaption>
      <div className="chart-area" style={{ height: Math.max(160, points.length * ROW_HEIGHT + 40) }} role="img" aria-label="Credits charged per model">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={points} layout="vertical" margin={{ top: 0, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid horizontal={false} stroke="var(--border)" />
            <XAxis type="number" tickFormatter={creditTick} tick={{ fill: 'var(--text-muted)', fontSize: 12 }} stroke="var(--border)" />
            <YAxis type="category" dataKey="model" width={150} tick={{ fill: 'var(--text)', fontSize: 12 }} stroke="var(--border)" />
            <Tooltip
              cursor={{ fill: 'var(--surface-2)' }}
              content={(props) => {
                const point = hoveredPoint<ModelPoint>(props);
                return point ? (
                  <ChartTooltip
                    active={props.active}
                    title={point.model}
                    lines={[
                      { label: 'Charged', credits: point.credits },
                      { label: 'Requests', count: point.requests },
                      { label: 'From the cache', count: point.cachedRequests },
                    ]}
                  />
                ) : null;
              }}
            />
            {/* spendValue: the charge as a number, for the bar's length only. */}
            <Bar dataKey="spendValue" name="Credits" fill="var(--accent)" radius={[0, 3, 3, 0]} maxBarSize={26} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
