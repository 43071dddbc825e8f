/**
 * A wait for people: "15 minutes", "1 hour 5 minutes", "45 seconds" — never "894 seconds".
 *
 * Rounded UP to the unit shown, so a person who waits as long as we say is never refused again
 * (a lockout of 894 s reads "15 minutes", not "14 minutes"). Two units at most: a duration to wait
 * is read at a glance. Under a minute the seconds are exact; from a minute up, whole minutes; from
 * an hour up, hours and minutes; from a day up, days and hours.
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return 'a moment';
  const whole = Math.ceil(seconds);
  if (whole < MINUTE) return unit(whole, 'second');
  if (whole < HOUR) return unit(Math.ceil(whole / MINUTE), 'minute');
  if (whole < DAY) {
    const minutes = Math.ceil(whole / MINUTE);
    // 59 min 30 s rounds up to 60 minutes: say "1 hour", not "0 hours 60 minutes".
    return pair(Math.floor(minutes / 60), 'hour', minutes % 60, 'minute');
  }
  const hours = Math.ceil(whole / HOUR);
  return pair(Math.floor(hours / 24), 'day', hours % 24, 'hour');
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function pair(big: number, bigUnit: string, small: number, smallUnit: string): string {
  return small === 0 ? unit(big, bigUnit) : `${unit(big, bigUnit)} ${unit(small, smallUnit)}`;
}

function unit(count: number, name: string): string {
  return `${count} ${name}${count === 1 ? '' : 's'}`;
}
