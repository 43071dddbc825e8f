const relative = new Intl.RelativeTimeFormat('en', { numeric: 'always' });
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * When a bucket of credit runs out, in words: "expires in 3 days", "never expires". Rounded down
 * (3 days 20 hours is "in 3 days") so it never promises more time than is left.
 */
export function expiryLabel(expiresAt: string | null, now: Date): string {
  if (expiresAt === null) return 'never expires';
  const left = new Date(expiresAt).getTime() - now.getTime();
  if (Number.isNaN(left)) return `expires ${expiresAt}`;
  // Expired credit leaves at the server's next sweep; until then it may still show.
  if (left <= 0) return 'expired';
  if (left < HOUR) return `expires ${relative.format(Math.max(1, Math.floor(left / MINUTE)), 'minute')}`;
  if (left < DAY) return `expires ${relative.format(Math.floor(left / HOUR), 'hour')}`;
  return `expires ${relative.format(Math.floor(left / DAY), 'day')}`;
}

/** Whether a bucket expires within `days` (to draw attention to it). */
export function expiresSoon(expiresAt: string | null, now: Date, days = 7): boolean {
  if (expiresAt === null) return false;
  return new Date(expiresAt).getTime() - now.getTime() < days * DAY;
}
