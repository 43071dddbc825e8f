import { IdempotencyConflictError } from '../../platform/errors.js';
import type { LedgerService } from '../ledger/index.js';
import type { CompletionUsageService } from '../metering/index.js';
import type { CompletionResult, StoredCompletion } from './gateway.domain.js';

/** Same key, same request: the stored answer, nothing called or charged. Same key, other request: a conflict. */
export async function replayCompletion(
  usage: Pick<CompletionUsageService, 'findByKey'>,
  ledger: Pick<LedgerService, 'balance'>,
  userId: string,
  key: string,
  hash: string,
): Promise<CompletionResult | null> {
  const found = await usage.findByKey(userId, key);
  if (!found) return null;
  if (found.requestHash !== hash) throw new IdempotencyConflictError(key);
  const stored = found.response as StoredCompletion;
  const balance = await ledger.balance(userId);
  return {
    ...stored,
    provider: stored.provider ?? '',
    fallbackFrom: stored.fallbackFrom ?? null,
    byok: stored.byok ?? false,
    cached: found.status === 'cached',
    charged: BigInt(stored.charged),
    available: balance.available,
    balance,
  };
}
