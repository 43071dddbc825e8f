import type { Sql } from '../../platform/sql.js';
import { completionDaysSelect, recordCtes, recordParams, type UsageEvent, type UsageStore } from './usage.store.js';

/** What another module's statement needs to carry a usage event with it (the ledger's Companion shape). */
export interface UsageCompanion {
  ctes(first: number, gate: string): string;
  params: unknown[];
}

/**
 * Metering as the gateway sees it: write a call's usage event (alone, in a caller's transaction, or
 * riding in the settle's own statement), read the month's completion usage (alone, or as a SELECT
 * to put in the hold's statement), find an idempotent call's stored answer. The gateway reads usage
 * only through here, never the store or `usage_event` itself.
 */
export class CompletionUsageService {
  constructor(private readonly store: UsageStore) {}

  record(event: UsageEvent, tx?: Sql): Promise<string | null> {
    return this.store.record(event, tx);
  }

  /** The event and its rollup as CTEs of another statement, written only when its `gate` CTE yields a row. */
  companion(event: UsageEvent): UsageCompanion {
    return { ctes: recordCtes, params: recordParams(event) };
  }

  completionUsageSince(userId: string, since: Date): Promise<{ requests: number; tokens: bigint }> {
    return this.store.usageSince(userId, since);
  }

  /**
   * The month's completion usage (`requests`, `tokens`) as a SELECT for another statement: $first
   * the user id, $first+1 the month's first day (a whole UTC day, so the rollup alone is exact).
   */
  monthUsageSelect(first: number): string {
    return completionDaysSelect(first);
  }

  findByKey(userId: string, key: string) {
    return this.store.findByKey(userId, key);
  }
}
