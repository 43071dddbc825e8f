import { parseCredits } from '@tollgate/shared';
import { formatDuration } from '../ui/format-duration';

/** What the meter reads of a `CapSpend`. */
export interface CapSpendFigures {
  cap: { limit: string };
  spent: string;
  remaining: string;
  resetsAt: string;
}

/**
 * The share of the cap spent, 0–1, for the meter's fill only: computed in bigint per-mille, so a
 * cap spent to the last micro-credit reads exactly 1 (full), never 0.9999….
 */
export function capShare(spent: string, limit: string): number {
  const cap = parseCredits(limit);
  if (cap <= 0n) return 1;
  const used = parseCredits(spent.startsWith('-') ? '0' : spent);
  if (used >= cap) return 1;
  return Number((used * 1000n) / cap) / 1000;
}

/** Nothing left to spend in this period: the next capped call is refused until the reset. */
export function capReached(figures: Pick<CapSpendFigures, 'remaining'>): boolean {
  return figures.remaining.startsWith('-') || parseCredits(figures.remaining) === 0n;
}

/** "resets in 5 hours 12 minutes" (rounded up, as formatDuration does), or "resets now" once past. */
export function resetsIn(resetsAt: string, now: Date): string {
  const seconds = (new Date(resetsAt).getTime() - now.getTime()) / 1000;
  if (!Number.isFinite(seconds)) return '';
  return seconds <= 0 ? 'resets now' : `resets in ${formatDuration(seconds)}`;
}
