/**
 * The console's date ranges: whole UTC days, `[from, to)` (the day `to` is not included), as the
 * analytics API takes them (docs/analytics.md, "Ranges"). Days are `YYYY-MM-DD` strings; the URL
 * keeps them, so a range can be shared and survives a reload.
 */

export const PRESETS = [
  { id: 'this-month', label: 'This month' },
  { id: 'last-month', label: 'Last month' },
  { id: 'last-7', label: 'Last 7 days' },
  { id: 'last-30', label: 'Last 30 days' },
  { id: 'custom', label: 'Custom' },
] as const;
export type PresetId = (typeof PRESETS)[number]['id'];

export interface DayRange {
  /** First day included. */
  from: string;
  /** First day NOT included. */
  to: string;
}

/** The API's limit on a range. */
export const MAX_RANGE_DAYS = 366;
const DAY_MS = 86_400_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The UTC day of an instant. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** A day `delta` days after `day`. */
export function addDays(day: string, delta: number): string {
  return utcDay(new Date(Date.parse(`${day}T00:00:00Z`) + delta * DAY_MS));
}

/** The days in a range (`to` − `from`). */
export function dayCount(range: DayRange): number {
  return Math.round((Date.parse(`${range.to}T00:00:00Z`) - Date.parse(`${range.from}T00:00:00Z`)) / DAY_MS);
}

/** Whether `text` is a real calendar day in YYYY-MM-DD form ("2026-02-30" is not). */
export function isDay(text: string | null | undefined): text is string {
  return !!text && DAY.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && utcDay(new Date(`${text}T00:00:00Z`)) === text;
}

/** A preset's days as of `now`; "last N days" and "this month" include today. */
export function presetRange(preset: Exclude<PresetId, 'custom'>, now: Date): DayRange {
  const today = utcDay(now);
  const tomorrow = addDays(today, 1);
  const monthStart = `${today.slice(0, 7)}-01`;
  switch (preset) {
    case 'this-month':
      return { from: monthStart, to: tomorrow };
    case 'last-month':
      return { from: utcDay(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1))), to: monthStart };
    case 'last-7':
      return { from: addDays(today, -6), to: tomorrow };
    case 'last-30':
      return { from: addDays(today, -29), to: tomorrow };
  }
}

/** Which preset a range is as of `now` ('custom' when none). */
export function presetOf(range: DayRange, now: Date): PresetId {
  for (const { id } of PRESETS) {
    if (id === 'custom') continue;
    const candidate = presetRange(id, now);
    if (candidate.from === range.from && candidate.to === range.to) return id;
  }
  return 'custom';
}

/** Why a range cannot be asked for, or undefined when it can. */
export function rangeProblem(range: DayRange): string | undefined {
  if (!isDay(range.from)) return 'Enter the first day as a date';
  if (!isDay(range.to)) return 'Enter the end day as a date';
  const days = dayCount(range);
  if (days <= 0) return 'The end day must be after the first day';
  if (days > MAX_RANGE_DAYS) return `A range is at most ${MAX_RANGE_DAYS} days`;
  return undefined;
}

/** The range in the URL (`?from=…&to=…`), or this month when the URL names none. */
export function rangeFromSearch(search: URLSearchParams, now: Date): DayRange {
  const from = search.get('from');
  const to = search.get('to');
  if (from === null && to === null) return presetRange('this-month', now);
  return { from: from ?? '', to: to ?? '' };
}

/** A day as the API's DateTime: its UTC midnight. */
export function dayStart(day: string): string {
  return `${day}T00:00:00.000Z`;
}

/** The range as the API's arguments. */
export function apiRange(range: DayRange): { from: string; to: string } {
  return { from: dayStart(range.from), to: dayStart(range.to) };
}

/** "1 Dec 2026 – 31 Dec 2026": the days included, for people (the last one is `to` − 1). */
export function describeRange(range: DayRange): string {
  const format = (day: string) =>
    new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const last = addDays(range.to, -1);
  return last === range.from ? format(range.from) : `${format(range.from)} – ${format(last)}`;
}
