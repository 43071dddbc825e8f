import { formatDuration } from '../ui/format-duration';
import type { SpendPeriodValue } from './useTeamMembers';

/** "day", "week", "month": a cap's period in words (calendar periods in UTC). */
export const periodWord = (period: SpendPeriodValue): string => period.toLowerCase();

export const SPEND_PERIOD_CHOICES: readonly { value: SpendPeriodValue; label: string }[] = [
  { value: 'DAY', label: 'Per day' },
  { value: 'WEEK', label: 'Per week (from Monday)' },
  { value: 'MONTH', label: 'Per month' },
];

/** When a cap resets, for people: "in 5 hours 12 minutes" (rounded up, as every wait in the app). */
export function resetsIn(resetsAt: string, now: Date): string {
  const seconds = (new Date(resetsAt).getTime() - now.getTime()) / 1000;
  return seconds > 0 ? `in ${formatDuration(seconds)}` : 'now';
}
