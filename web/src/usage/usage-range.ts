/**
 * The usage page's date range: whole UTC days, both ends included, as the URL keeps them
 * (`?from=2025-03-01&to=2025-03-31`). UTC, not local, because the server rolls usage up by UTC day
 * (`usageByDay`'s `day`): a local range would cut the first and last bars in half.
 */
export interface UsageRange {
  /** "YYYY-MM-DD", UTC. */
  from: string;
  to: string;
}

/** The server refuses longer ranges (metering's MAX_RANGE_DAYS). */
export const MAX_RANGE_DAYS = 366;
const DAY_MS = 86_400_000;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** UTC midnight at the start of `day`, or null when it is not a real calendar day. */
export function utcMidnight(day: string): Date | null {
  const match = DAY.exec(day);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const start = new Date(Date.UTC(year, month - 1, date));
  if (start.getUTCFullYear() !== year || start.getUTCMonth() !== month - 1 || start.getUTCDate() !== date) return null;
  return start;
}

export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The default: this UTC month so far, the 1st to today. */
export function thisMonth(now: Date): UsageRange {
  return { from: utcDay(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1))), to: utcDay(now) };
}

/** The range in the URL, or this month where a bound is missing or not a day (an old link, a hand edit). */
export function rangeFromParams(params: URLSearchParams, now: Date): UsageRange {
  const fallback = thisMonth(now);
  const day = (name: string) => {
    const value = params.get(name);
    return value && utcMidnight(value) ? value : null;
  };
  return { from: day('from') ?? fallback.from, to: day('to') ?? fallback.to };
}

/** Only what differs from the default goes in the URL, so "this month" stays a clean link. */
export function rangeToParams(range: UsageRange, now: Date): URLSearchParams {
  const fallback = thisMonth(now);
  const params = new URLSearchParams();
  if (range.from !== fallback.from || range.to !== fallback.to) {
    params.set('from', range.from);
    params.set('to', range.to);
  }
  return params;
}

export function rangeProblem(range: UsageRange): string | undefined {
  const from = utcMidnight(range.from);
  const to = utcMidnight(range.to);
  if (!from || !to) return 'Choose both dates';
  if (from > to) return 'The start date is after the end date';
  if (daysBetween(from, to) + 1 > MAX_RANGE_DAYS) return `Choose at most ${MAX_RANGE_DAYS} days`;
  return undefined;
}

/** The usage queries' arguments: `to` is exclusive, so it is the UTC midnight after the last day. */
export function rangeToVariables(range: UsageRange): { from: string; to: string } {
  const from = utcMidnight(range.from);
  const to = utcMidnight(range.to);
  if (!from || !to) throw new RangeError(`not a usage range: ${range.from} to ${range.to}`);
  return { from: from.toISOString(), to: new Date(to.getTime() + DAY_MS).toISOString() };
}

/** Every day of the range, in order ("2025-03-01", "2025-03-02", …). */
export function daysOf(range: UsageRange): string[] {
  const from = utcMidnight(range.from);
  const to = utcMidnight(range.to);
  if (!from || !to) return [];
  const days: string[] = [];
  for (let t = from.getTime(); t <= to.getTime(); t += DAY_MS) days.push(utcDay(new Date(t)));
  return days;
}

function daysBetween(from: Date, to: Date): number {
  return Math.round((to.getTime() - from.getTime()) / DAY_MS);
}
