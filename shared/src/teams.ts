/**
 * Teams and spend caps: the names both the server and the SPA use (docs/decisions/0055-teams.md,
 * 0056-spend-caps.md).
 */

/** `owner` and `admin` manage members, keys, limits and billing; `member` spends. */
export const TEAM_ROLES = ['owner', 'admin', 'member'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

/** The roles that manage a team (members, keys, caps, billing). */
export const isTeamManager = (role: TeamRole | null | undefined): boolean => role === 'owner' || role === 'admin';

/** A cap's period: a calendar day, ISO week (Monday) or month, in UTC. */
export const SPEND_PERIODS = ['day', 'week', 'month'] as const;
export type SpendPeriod = (typeof SPEND_PERIODS)[number];

export const isSpendPeriod = (value: unknown): value is SpendPeriod => typeof value === 'string' && (SPEND_PERIODS as readonly string[]).includes(value);

/** The start (inclusive, UTC midnight) of the calendar period holding `at`. */
export function periodStart(period: SpendPeriod, at: Date): Date {
  const y = at.getUTCFullYear();
  const m = at.getUTCMonth();
  const d = at.getUTCDate();
  if (period === 'month') return new Date(Date.UTC(y, m, 1));
  if (period === 'day') return new Date(Date.UTC(y, m, d));
  // ISO week: Monday is day 1, Sunday day 7.
  const weekday = at.getUTCDay() === 0 ? 7 : at.getUTCDay();
  return new Date(Date.UTC(y, m, d - (weekday - 1)));
}

/** When the period holding `at` ends and a cap resets (the next period's start). */
export function periodReset(period: SpendPeriod, at: Date): Date {
  const start = periodStart(period, at);
  const y = start.getUTCFullYear();
  const m = start.getUTCMonth();
  const d = start.getUTCDate();
  if (period === 'month') return new Date(Date.UTC(y, m + 1, 1));
  return new Date(Date.UTC(y, m, d + (period === 'day' ? 1 : 7)));
}
