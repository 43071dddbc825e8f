import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { displayCredits } from '../../credits/money';
import { Credits } from '../../ui/Credits';
import { sumCredits, type DailyPoint } from '../chart-data';
import { AXIS, ChartFrame, creditTick, CURSOR, GRID_STROKE, tooltipFrom } from './ChartFrame';

const dayTooltip = tooltipFrom<DailyPoint>((point) => ({
  title: point.day,
  lines: [
    { label: 'Charged', credits: point.credits },
    { label: 'Saved by the cache', credits: point.creditsSaved },
    { label: 'Requests', count: point.requests },
  ],
}));

/** Credits charged per UTC day; the hover shows the day's exact charge and what the cache saved. */
export function SpendByDayChart({ points }: { points: DailyPoint[] }) {
  const total = sumCredits(points.map((point) => point.credits));
  return (
    <ChartFrame
      title="Spend by day"
      note={
        <>
          <Credits value={total} /> over {points.length} days (UTC)
        </>
      }
      label={`Credits charged per day, ${displayCredits(total)} in all`}
      data={{ 'data-testid': 'chart-spend-by-day', 'data-days': points.length, 'data-total': total }}
    >
      <BarChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} stroke={GRID_STROKE} />
        <XAxis dataKey="label" {...AXIS} minTickGap={12} />
        <YAxis tickFormatter={creditTick} {...AXIS} width={56} />
        <Tooltip cursor={CURSOR} content={dayTooltip} />
        {/* spendValue: the charge as a number, for the bar's height only. */}
        <Bar dataKey="spendValue" name="Credits" fill="var(--accent)" radius={[3, 3, 0, 0]} maxBarSize={32} isAnimationActive={false} />
      </BarChart>
    </ChartFrame>
  );
}
