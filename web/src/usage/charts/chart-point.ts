import type { TooltipContentProps } from 'recharts';

/** The data point under the pointer: the object the chart was given, exact figures and all. */
export function hoveredPoint<Point>(props: Pick<TooltipContentProps, 'payload'>): Point | undefined {
  const [first] = props.payload ?? [];
  return (first?.payload as Point | undefined) ?? undefined;
}

/** Axis ticks for credit amounts: a plotted number, at most 2 decimals, never shown as a total. */
export function creditTick(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: value < 1 ? 4 : 2 });
}
