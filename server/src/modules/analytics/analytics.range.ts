import { BadUserInputError } from '../../platform/errors.js';

/**
 * The range of an analytics query (docs/analytics.md, "Ranges"): [from, to), half-open, whole UTC
 * days. The rollups and the daily close are daily, so an instant inside a day could only be
 * answered approximately: it is refused instead, naming the argument.
 */

export const DAY_MS = 86_400_000;
/** A year, leap day included: bounds byDay to 366 rows. */
export const MAX_ANALYTICS_DAYS = 366;

export interface AnalyticsRange {
  from: Date;
  to: Date;
  /** Every UTC day of the range, `YYYY-MM-DD`, oldest first (days.length = (to − from) / 1 day). */
  days: string[];
}

/** `YYYY-MM-DD` of a UTC instant. */
export function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The UTC midnight that starts the day of `at`. */
export function midnightOf(at: Date): Date {
  return new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS);
}

/** `YYYY-MM-DD` + n days. */
export function addDays(day: string, n: number): string {
  return dayOf(new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS));
}

function check(field: 'from' | 'to', value: Date | null | undefined): Date | null {
  if (value == null) return null;
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new BadUserInputError(`${field} is not a valid date`, field);
  if (value.getTime() % DAY_MS !== 0) throw new BadUserInputError(`${field} must be a UTC midnight (the figures are daily)`, field);
  return value;
}

/**
 * Validates and completes a range. Defaults: `from` the first day of `now`'s UTC month, `to` the
 * next UTC midnight after `now` (today included). Throws BAD_USER_INPUT (extensions.field names
 * the argument) for a non-midnight, `to` ≤ `from`, or more than 366 days. Pure: reads nothing.
 */
export function parseRange(from: Date | null | undefined, to: Date | null | undefined, now: Date): AnalyticsRange {
  const f = check('from', from);
  const t = check('to', to);
  const end = t ?? new Date(midnightOf(now).getTime() + DAY_MS);
  const start = f ?? new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  if (end.getTime() <= start.getTime()) throw new BadUserInputError('to must be after from', t ? 'to' : 'from');
  const count = (end.getTime() - start.getTime()) / DAY_MS;
  if (count > MAX_ANALYTICS_DAYS) throw new BadUserInputError(`A range may span at most ${MAX_ANALYTICS_DAYS} days`, t ? 'to' : 'from');
  const days: string[] = [];
  for (let i = 0; i < count; i++) days.push(dayOf(new Date(start.getTime() + i * DAY_MS)));
  return { from: start, to: end, days };
}
