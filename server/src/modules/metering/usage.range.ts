import { BadUserInputError } from '../../platform/errors.js';

const DAY_MS = 86_400_000;
/** A year, leap day included: enough for any usage chart, and it bounds a by-day answer to 366 rows. */
export const MAX_RANGE_DAYS = 366;

/** The UTC calendar day of an instant, as PostgreSQL's `date` reads it: `YYYY-MM-DD`. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

export function startOfUtcDay(at: Date): Date {
  return new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS);
}

/** The first UTC midnight at or after `at`. */
export function nextUtcDay(at: Date): Date {
  return new Date(Math.ceil(at.getTime() / DAY_MS) * DAY_MS);
}

export function startOfUtcMonth(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
}

/** `YYYY-MM`, the month an allowance belongs to. */
export function utcMonth(at: Date): string {
  return at.toISOString().slice(0, 7);
}

export interface UsageRange {
  from: Date;
  to: Date;
}

/**
 * A query's range, half-open [from, to). Defaults: `to` now, `from` the start of the UTC month
 * that `to` falls in (the current month so far, when neither is given).
 */
export function resolveRange(from: Date | null | undefined, to: Date | null | undefined, now: Date): UsageRange {
  for (const [field, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (value != null && (!(value instanceof Date) || Number.isNaN(value.getTime()))) throw new BadUserInputError(`${field} is not a valid date`, field);
  }
  const end = to ?? now;
  const start = from ?? startOfUtcMonth(new Date(end.getTime() - 1));
  if (start.getTime() >= end.getTime()) throw new BadUserInputError('from must be before to', 'from');
  if (end.getTime() - start.getTime() > MAX_RANGE_DAYS * DAY_MS) throw new BadUserInputError(`A range may span at most ${MAX_RANGE_DAYS} days`, 'from');
  return { from: start, to: end };
}

/**
 * How a range is answered exactly: the whole UTC days inside it from the daily rollup, and the
 * partial days at its edges from the events themselves (at most two days' worth of rows).
 */
export interface RangePlan {
  /** Whole days [firstDay, endDay) read from usage_daily; empty when firstDay = endDay. */
  firstDay: string;
  endDay: string;
  /** Instants read from usage_event: [from, head) and [tail, to). */
  eventSpans: Array<[Date, Date]>;
}

export function planRange({ from, to }: UsageRange): RangePlan {
  const head = nextUtcDay(from);
  const tail = startOfUtcDay(to);
  if (head.getTime() >= tail.getTime()) {
    // No whole day inside: the range is read from the events alone.
    return { firstDay: utcDay(head), endDay: utcDay(head), eventSpans: [[from, to]] };
  }
  const spans: Array<[Date, Date]> = [];
  if (from.getTime() < head.getTime()) spans.push([from, head]);
  if (tail.getTime() < to.getTime()) spans.push([tail, to]);
  return { firstDay: utcDay(head), endDay: utcDay(tail), eventSpans: spans };
}

/** Every UTC day the range touches, in order. */
export function daysOf({ from, to }: UsageRange): string[] {
  const days: string[] = [];
  for (let t = startOfUtcDay(from).getTime(); t < to.getTime(); t += DAY_MS) days.push(utcDay(new Date(t)));
  return days;
}
