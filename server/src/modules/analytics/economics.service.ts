import type { AnalyticsDeps } from './analytics.deps.js';

/** Per-user economics, burn rate and runway (docs/analytics.md). TODO (issue 12). */
export class UserEconomicsService {
  constructor(readonly deps: AnalyticsDeps) {}
}
