/**
 * Calendar days as `<input type="date">` gives them ("2025-03-01"), read in the browser's time
 * zone: a person who picks "1 March" means their own 1 March, not UTC's.
 */
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Local midnight at the start of `day`, or null when it is not a real calendar day. */
export function startOfLocalDay(day: string): Date | null {
  const match = DAY.exec(day);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const start = new Date(year, month - 1, date);
  // new Date(2025, 1, 30) rolls over to 2 March: refuse days that do not exist.
  if (start.getFullYear() !== year || start.getMonth() !== month - 1 || start.getDate() !== date) return null;
  return start;
}

/** Local midnight after `day`: the exclusive end of that whole day. */
export function endOfLocalDay(day: string): Date | null {
  const start = startOfLocalDay(day);
  if (!start) return null;
  return new Date(start.getFullYear(), start.getMonth(), start.getDate() + 1);
}

/** `date` as a local calendar day, "YYYY-MM-DD". */
export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
