/** What the economics and reconciliation suites share: days relative to today, synthetic usage, row counts. */
import type { TestApp } from '../../../test-support/app.js';
import { event } from '../../metering/__tests__/metering-helpers.js';
import { UsageStore, type UsageEvent } from '../../metering/index.js';

export const DAY = 86_400_000;

/** UTC midnight `n` days from today's (negative: past). */
export function midnight(n = 0): Date {
  return new Date(Math.floor(Date.now() / DAY) * DAY + n * DAY);
}

/** `YYYY-MM-DD` of `midnight(n)`. */
export const day = (n = 0): string => midnight(n).toISOString().slice(0, 10);

/** Noon of a past day, so the event lands on that UTC day whatever the hour of the run. */
export const noon = (n: number): Date => new Date(midnight(n).getTime() + DAY / 2);

/**
 * A usage event written through our own UsageStore (event and rollup in one statement), at a past
 * moment: the gateway only writes "now", and burn rates and reconciliation need earlier days.
 */
export async function recordAt(t: TestApp, userId: string, at: Date, e: Partial<UsageEvent>): Promise<void> {
  const id = await new UsageStore(t.app.sql).record({ ...event(userId, e), at });
  if (!id) throw new Error('the usage event was not recorded');
}

/** Rows of the tables a read could write by mistake: for "nothing written". */
export async function rowCounts(t: TestApp): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['usage_event', 'usage_daily', 'ledger_entry', 'credit_grant', 'payment', 'app_user', 'model_price']) {
    counts[table] = Number((await t.app.sql.query(`select count(*)::int as n from ${table}`))[0]!.n);
  }
  return counts;
}
