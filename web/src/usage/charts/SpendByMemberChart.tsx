import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { MemberPoint } from '../member-usage';
import { AXIS, ChartFrame, creditTick, CURSOR, GRID_STROKE, tooltipFrom } from './ChartFrame';

const ROW_HEIGHT = 34;

const memberTooltip = tooltipFrom<MemberPoint>((point) => ({
  title: point.label,
  lines: [
    { label: 'Charged', credits: point.cost },
    { label: 'Requests', count: point.requests },
    { label: 'Tokens', count: point.tokens },
  ],
}));

/** Credits charged per member of the team, largest first, as horizontal bars (emails are long), as the by-model chart. */
export default function SpendByMemberChart({ points }: { points: MemberPoint[] }) {
  return (
    <ChartFrame
      title="Spend by member"
      note="Largest first; a call made with a team key counts for the key's owner."
      label="Credits charged per member"
      height={Math.max(160, points.length * ROW_HEIGHT + 40)}
      data={{ 'data-testid': 'chart-spend-by-member', 'data-members': points.map((point) => point.label).join(',') }}
    >
      <BarChart data={points} layout="vertical" margin={{ top: 0, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid horizontal={false} stroke={GRID_STROKE} />
        <XAxis type="number" tickFormatter={creditTick} {...AXIS} />
        <YAxis type="category" dataKey="label" width={180} {...AXIS} tick={{ ...AXIS.tick, fill: 'var(--text)' }} />
        <Tooltip cursor={CURSOR} content={memberTooltip} />
        {/* spendValue: the charge as a number, for the bar's length only. */}
        <Bar dataKey="spendValue" name="Credits" fill="var(--accent)" radius={[0, 3, 3, 0]} maxBarSize={26} isAnimationActive={false} />
      </BarChart>
    </ChartFrame>
  );
}
