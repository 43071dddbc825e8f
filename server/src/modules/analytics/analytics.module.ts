import type { AnalyticsDeps } from './analytics.deps.js';
import { BillingSummaryService } from './analytics.summary.js';
import { UserEconomicsService } from './economics.service.js';
import { ReconciliationService } from './reconciliation.service.js';

/** The admin analytics: read-only over the rollups, payments and the daily close. */
export function createAnalytics(deps: AnalyticsDeps) {
  return {
    summary: new BillingSummaryService(deps),
    economics: new UserEconomicsService(deps),
    reconciliation: new ReconciliationService(deps),
  };
}

export type Analytics = ReturnType<typeof createAnalytics>;
