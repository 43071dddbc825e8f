import type { ReactElement, ReactNode } from 'react';
import { ResponsiveContainer, type TooltipContentProps } from 'recharts';
import { formatCredits, formatPercent, formatUsd } from '../../../ui/format-money';

interface Props {
  title: string;
  note: ReactNode;
  /** What the chart shows, for screen readers. */
  label: string;
  testId: string;
  /** Shown instead of the chart when there is nothing to draw (an all-zero range draws nothing misleading). */
  empty?: string;
  height?: number;
  children: ReactElement;
}

/** A console chart's card: title, a line about it, and the chart sized to the card (or its empty state). */
export function ConsoleChart({ title, note, label, testId, empty, height = 240, children }: Props) {
  return (
    <figure className="card console-chart" data-testid={testId} data-empty={empty ? 'true' : 'false'}>
      <figcaption>
        <h2>{title}</h2>
        <p className="muted">{note}</p>
      </figcaption>
      {empty ? (
        <p className="empty console-chart-empty">{empty}</p>
      ) : (
        <div className="console-chart-area" style={{ height }} role="img" aria-label={label}>
          <ResponsiveContainer width="100%" height="100%">
            {children}
          </ResponsiveContainer>
        </div>
      )}
    </figure>
  );
}

/** The usage charts' axis, grid and hover styling: one look for every chart. */
export { AXIS, CURSOR, GRID_STROKE } from '../../../usage/charts/ChartFrame';

/** An axis tick for dollars: a plotted number, whole dollars once they are large. */
export function usdTick(value: number): string {
  return `$${value.toLocaleString('en-US', { maximumFractionDigits: Math.abs(value) >= 100 ? 0 : 2 })}`;
}

export interface TooltipLine {
  label: string;
  value: string | null;
  kind: 'usd' | 'credits' | 'percent';
}
const FORMAT = { usd: formatUsd, credits: formatCredits, percent: formatPercent };

/** A Tooltip `content` written from the hovered point's exact strings, never from the plotted floats. */
export function tooltipFrom<Point>(describe: (point: Point) => { title: string; lines: TooltipLine[] }) {
  return function TooltipContent(props: TooltipContentProps) {
    const point = props.payload?.[0]?.payload as Point | undefined;
    if (!props.active || !point) return null;
    const { title, lines } = describe(point);
    return (
      <div className="chart-tooltip console-tooltip">
        <p className="chart-tooltip-title">{title}</p>
        <dl>
          {lines.map((line) => (
            <div key={line.label}>
              <dt>{line.label}</dt>
              <dd title={line.value ?? undefined}>{FORMAT[line.kind](line.value)}</dd>
            </div>
          ))}
        </dl>
      </div>
    );
  };
}
