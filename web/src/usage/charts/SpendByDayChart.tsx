import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { displayCredits } from '../../credits/money';
import { sumCredits, type DailyPoint } from '../chart-data';
import { ChartTooltip } from './ChartTooltip';
import { creditTick, hoveredPoint } from './chart-point';

/** Credits charged per UTC day; the hover shows the day's exact charge and what the cache saved. */
export function SpendByDayChart({ points }: { points: DailyPoint[] }) {
  const total = sumCredits(points.map((point) => point.credits));
  return (
    <figure className="card chart-card" data-testid="chart-spend-by-day" data-days={points.length} data-total={total}>
      <figcaption>
        <h2>Spend by day</h2>
        <p className="muted">
          <span title={`${total} credits`}>{displayCredits(total)}</span> credits over {points.length} days (UTC)
        </p>
      </figcaption>
      <div className="chart-area" role="img" aria-label={`Credits charged per day, ${displayCredits(total)} in all`}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid vertical={false} stroke="var(--border)" />
            <XAxis dataKey="label" tick={{ fill: 'var(--text-muted)', fontSize: 12 }} stroke="var(--border)" minTickGap={12} />
            <YAxis tickFormatter={creditTick} tick={{ fill: 'var(--text-muted)', fontSize: 12 }} stroke="var(--border)" width={56} />
            <Tooltip
              cursor={{ fill: 'var(--surface-2)' }}
              content={(props) => {
                const point = hoveredPoint<DailyPoint>(props);
                return point ? (
                  <ChartTooltip
                    active={props.active}
                    title={point.day}
                    lines={[
                      { label: 'Charged', credits: point.credits },
                      { label: 'Saved by the cache', credits: point.creditsSaved },
                      { label: 'Requests', count: point.requests },
                    ]}
                  />
                ) : null;
              }}
            />
            {/* spendValue: the charge as a number, for the bar's height only. */}
            <Bar dataKey="spendValue" name="Credits" fill="var(--accent)" radius={[3, 3, 0, 0]} maxBarSize={32} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
