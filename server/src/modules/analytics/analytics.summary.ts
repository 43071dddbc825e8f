import type { AnalyticsDeps } from './analytics.deps.js';

/** adminBillingSummary (docs/analytics.md). TODO (issue 12). */
export class BillingSummaryService {
  constructor(readonly deps: AnalyticsDeps) {}
}
