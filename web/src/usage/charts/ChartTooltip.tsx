import { formatExactCredits } from '../../ui/format-money';
import { displayCount } from '../../models/format';

export interface TooltipLine {
  label: string;
  /** A `Credits` string, shown exactly; or a count. */
  credits?: string;
  count?: number;
}

interface Props {
  active?: boolean;
  title?: string;
  lines: TooltipLine[];
}

/**
 * A chart's tooltip, written from the point's exact figures rather than from the plotted numbers,
 * so a hover never shows a float's rounding.
 */
export function ChartTooltip({ active, title, lines }: Props) {
  if (!active) return null;
  return (
    <div className="chart-tooltip">
      {title && <p className="chart-tooltip-title">{title}</p>}
      <dl>
        {lines.map((line) => (
          <div key={line.label}>
            <dt>{line.label}</dt>
            <dd title={line.credits}>{line.credits !== undefined ? `${formatExactCredits(line.credits)} credits` : displayCount(line.count ?? 0)}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
