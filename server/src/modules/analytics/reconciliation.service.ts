import type { AnalyticsDeps } from './analytics.deps.js';

/** Provider reconciliation (docs/analytics.md). TODO (issue 12). */
export class ReconciliationService {
  constructor(readonly deps: AnalyticsDeps) {}
}
