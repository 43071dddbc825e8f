import type { ReactElement, ReactNode } from 'react';
import { ResponsiveContainer, type TooltipContentProps } from 'recharts';
import { ChartTooltip, type TooltipLine } from './ChartTooltip';

interface Props {
  title: string;
  note: ReactNode;
  /** What the chart shows, for screen readers. */
  label: string;
  /** The chart's height; the width follows the card. */
  height?: number;
  /** data-testid and data-* attributes the browser tests read. */
  data: Record<`data-${string}`, string | number> & { 'data-testid': string };
  /** One Recharts chart. */
  children: ReactElement;
}

/** A usage chart's card: title, a line about it, and the chart sized to the card. */
export function ChartFrame({ title, note, label, height, data, children }: Props) {
  return (
    <figure className="card chart-card" {...data}>
      <figcaption>
        <h2>{title}</h2>
        <p className="muted">{note}</p>
      </figcaption>
      <div className="chart-area" style={height ? { height } : undefined} role="img" aria-label={label}>
        <ResponsiveContainer width="100%" height="100%">
          {children}
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

/** Axis, grid and hover styling shared by the charts: colours only through the theme's properties. */
export const AXIS = { tick: { fill: 'var(--text-muted)', fontSize: 12 }, stroke: 'var(--border)' } as const;
export const GRID_STROKE = 'var(--border)';
export const CURSOR = { fill: 'var(--surface-2)' } as const;

/**
 * A Tooltip `content` that describes the hovered point from its exact figures (see ChartTooltip):
 * the plotted numbers are never what a hover shows.
 */
export function tooltipFrom<Point>(describe: (point: Point) => { title: string; lines: TooltipLine[] }) {
  return function TooltipContent(props: TooltipContentProps) {
    const [first] = props.payload ?? [];
    const point = first?.payload as Point | undefined;
    return point ? <ChartTooltip active={props.active} {...describe(point)} /> : null;
  };
}

/** Axis ticks for credit amounts: a plotted number, at most 2 decimals (4 below 1), never shown as a total. */
export function creditTick(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: value < 1 ? 4 : 2 });
}
