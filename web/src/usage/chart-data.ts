import { formatCredits, parseCredits } from '@tollgate/shared';
import { daysOf, type UsageRange } from './usage-range';

/**
 * The usage charts' data, shaped from the API's answers. Amounts stay the API's exact `Credits`
 * strings (totals, tooltips, labels); each point also carries a Number of the same amount, used
 * for nothing but the height of a bar.
 */

/** What the charts read of a `usageByDay` row. */
export interface DailyUsageRow {
  day: string;
  requests: number;
  cachedRequests: number;
  errorRequests: number;
  credits: string;
  creditsSaved: string;
}

/** What the charts read of a `usageByModel` row. */
export interface ModelUsageRow {
  /** "completion", or a tracked service (embeddings, tts, …). */
  service?: string;
  model: string;
  requests: number;
  cachedRequests: number;
  credits: string;
  creditsSaved: string;
}

export interface DailyPoint {
  day: string;
  /** "Mar 1": the axis label. */
  label: string;
  credits: string;
  creditsSaved: string;
  /** Plot-only copies of `credits` and `creditsSaved`. */
  spendValue: number;
  savedValue: number;
  requests: number;
  cachedRequests: number;
  /** Requests a provider answered (not the cache). */
  providerRequests: number;
  errorRequests: number;
}

export interface ModelPoint {
  model: string;
  credits: string;
  spendValue: number;
  requests: number;
  cachedRequests: number;
}

/** How many models get a bar of their own; the rest share an "Other" bar. */
export const TOP_MODELS = 8;
const ZERO = '0.000000';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A `Credits` string as a number, for a chart's geometry only: a bar's height may be off by a
 * float's rounding, but nothing computed from it is shown or added up. Totals use `sumCredits`.
 */
export function plotCredits(amount: string): number {
  return Number(amount);
}

/** Exact sum of `Credits` strings, through bigint micro-credits. */
export function sumCredits(amounts: readonly string[]): string {
  return formatCredits(amounts.reduce((total, amount) => total + parseCredits(amount), 0n));
}

/** One point per day of the range, in order; a day without usage is a zero point, so gaps show as gaps. */
export function dailySeries(rows: readonly DailyUsageRow[], range: UsageRange): DailyPoint[] {
  const byDay = new Map(rows.map((row) => [row.day, row]));
  return daysOf(range).map((day) => {
    const row = byDay.get(day);
    const credits = row?.credits ?? ZERO;
    const creditsSaved = row?.creditsSaved ?? ZERO;
    const requests = row?.requests ?? 0;
    const cachedRequests = row?.cachedRequests ?? 0;
    return {
      day,
      label: dayLabel(day),
      credits,
      creditsSaved,
      spendValue: plotCredits(credits),
      savedValue: plotCredits(creditsSaved),
      requests,
      cachedRequests,
      providerRequests: Math.max(0, requests - cachedRequests),
      errorRequests: row?.errorRequests ?? 0,
    };
  });
}

/**
 * Models by spend, largest first (ties by id, so the order is stable); past `top`, the rest are
 * summed exactly into one "Other (n models)" bar.
 */
export function modelSeries(rows: readonly ModelUsageRow[], top = TOP_MODELS): ModelPoint[] {
  const sorted = [...rows].sort((a, b) => {
    const difference = parseCredits(b.credits) - parseCredits(a.credits);
    if (difference !== 0n) return difference > 0n ? 1 : -1;
    return a.model < b.model ? -1 : a.model > b.model ? 1 : 0;
  });
  const point = (model: string, group: readonly ModelUsageRow[]): ModelPoint => {
    const credits = sumCredits(group.map((row) => row.credits));
    return {
      model,
      credits,
      spendValue: plotCredits(credits),
      requests: group.reduce((total, row) => total + row.requests, 0),
      cachedRequests: group.reduce((total, row) => total + row.cachedRequests, 0),
    };
  };
  // "Other" must stand for at least two models: one would just hide a name.
  if (sorted.length <= top + 1) return sorted.map((row) => point(modelLabel(row), [row]));
  const rest = sorted.slice(top);
  return [...sorted.slice(0, top).map((row) => point(modelLabel(row), [row])), point(`Other (${rest.length} models)`, rest)];
}

/** A row's bar label: the model, with the service beside it for tracked services ("text-embedding-3-small (embeddings)"). */
export function modelLabel(row: ModelUsageRow): string {
  if (!row.service || row.service === 'completion' || row.service === row.model) return row.model;
  return `${row.model} (${row.service})`;
}

/** Whether there is anything to chart. */
export function hasUsage(points: readonly { requests: number }[]): boolean {
  return points.some((point) => point.requests > 0);
}

function dayLabel(day: string): string {
  const [, month, date] = day.split('-');
  return `${MONTHS[Number(month) - 1]} ${Number(date)}`;
}
