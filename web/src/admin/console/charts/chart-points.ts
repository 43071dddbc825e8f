/**
 * Chart data from the API's exact strings. A plotted number is a float (Recharts needs one), used
 * for a bar's height only: labels and tooltips always show the exact string, formatted once.
 */

interface DayFigures {
  day: string;
  grossRevenueUsd: string;
  netRevenueUsd: string;
  providerCostUsd: string;
  grossProfitUsd: string;
  outstandingLiabilityUsd: string;
  mrrUsd: string;
}

export interface DayPoint {
  day: string;
  /** "Dec 4": the axis label. */
  label: string;
  exact: DayFigures;
  revenue: number;
  cost: number;
  liability: number;
  mrr: number;
}

export interface MarginPoint {
  name: string;
  /** The margin as a number, for the bar; `exact` has the API's strings. */
  margin: number;
  exact: { marginPercent: string; usageRevenueUsd: string; providerCostUsd: string; grossProfitUsd: string };
}

const plot = (value: string) => Number(value) || 0;

export function dayLabel(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
}

export function dayPoints(days: readonly DayFigures[]): DayPoint[] {
  return days.map((d) => ({
    day: d.day,
    label: dayLabel(d.day),
    exact: d,
    revenue: plot(d.grossRevenueUsd),
    cost: plot(d.providerCostUsd),
    liability: plot(d.outstandingLiabilityUsd),
    mrr: plot(d.mrrUsd),
  }));
}

/** Whether any day has a non-zero value of `key` (an all-zero chart is shown as an empty state). */
export function anyNonZero(points: readonly DayPoint[], ...keys: ('revenue' | 'cost' | 'liability' | 'mrr')[]): boolean {
  return points.some((point) => keys.some((key) => point[key] !== 0));
}

interface MarginSource {
  marginPercent: string | null;
  usageRevenueUsd: string;
  providerCostUsd: string;
  grossProfitUsd: string;
}

/** Rows that have a margin (revenue was not 0), named by `name`, in the given order. */
export function marginPoints<Row extends MarginSource>(rows: readonly Row[], name: (row: Row) => string): MarginPoint[] {
  return rows
    .filter((row) => row.marginPercent != null)
    .map((row) => ({
      name: name(row),
      margin: plot(row.marginPercent!),
      exact: {
        marginPercent: row.marginPercent!,
        usageRevenueUsd: row.usageRevenueUsd,
        providerCostUsd: row.providerCostUsd,
        grossProfitUsd: row.grossProfitUsd,
      },
    }));
}
