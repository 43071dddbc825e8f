import type { Logger } from '../../platform/logger.js';
import type { LimitSync } from './openrouter.limits.js';
import type { OpenRouterKeyStore, ReconciliationRow } from './openrouter.store.js';

/** A key beside Tollgate's own record of its cost: `differenceNano` is OpenRouter's usage minus our recorded cost. */
export interface KeyReconciliation extends ReconciliationRow {
  differenceNano: bigint;
}

/**
 * Reconciliation of the managed keys: OpenRouter's reported usage of each key (read by the same
 * sync that keeps its limit) beside the provider cost the metering recorded for that user's
 * OpenRouter calls since the key was created. A difference means a call was metered at another
 * price than OpenRouter billed (a price change not imported yet), or a call went unmetered.
 */
export class UsageReconciliation {
  constructor(
    private readonly store: OpenRouterKeyStore,
    private readonly limits: LimitSync,
    private readonly log: Logger,
  ) {}

  async keys(): Promise<KeyReconciliation[]> {
    return (await this.store.reconciliation()).map((r) => ({ ...r, differenceNano: r.usageNano - r.recordedCostNano }));
  }

  /** Reads every key's usage from OpenRouter (and corrects its limit on the way), then the reconciliation. */
  async syncAll(): Promise<KeyReconciliation[]> {
    let failed = 0;
    for (const userId of await this.store.allUserIds()) {
      await this.limits.sync(userId).catch((err: Error) => {
        failed += 1;
        this.log.warn({ userId, err: err.message }, 'OpenRouter usage not synced');
      });
    }
    if (failed > 0) this.log.warn({ failed }, 'Some OpenRouter keys were not synced; their usage is from the last sync');
    return this.keys();
  }
}
