import type { CatalogService } from '../../catalog/index.js';
import type { CompletionResult } from '../gateway.domain.js';

/** Why a reply ended, in the gateway's terms; each API names it its own way (`finish_reason`, `stop_reason`). */
export type Ending = 'stop' | 'length';

/**
 * The gateway does not pass a provider's stop reason on, so a reply that used its whole output
 * budget is taken as cut by it. With the caller's own max_tokens that budget is known here; without,
 * it is the gateway's default (the smaller of the model's and the tier's caps), read from the
 * catalog in memory (the tier was cached by the completion that just ran). Should that read fail
 * (the model left the tier meanwhile), the answer was already given: `stop`.
 */
export async function endingOf(catalog: CatalogService, userId: string, result: CompletionResult, maxTokens: number | null): Promise<Ending> {
  const budget = maxTokens ?? (await defaultBudget(catalog, userId, result.model));
  return budget !== null && result.usage.outputTokens >= budget ? 'length' : 'stop';
}

async function defaultBudget(catalog: CatalogService, userId: string, model: string): Promise<number | null> {
  try {
    return catalog.outputBudget(await catalog.quote(userId, model), null);
  } catch {
    return null;
  }
}
