import { createHash, randomUUID } from 'node:crypto';
import { chargeFor } from '@tollgate/shared';
import type { Quote } from '../../catalog/index.js';
import type { Balance, LedgerService } from '../../ledger/index.js';
import { withCall, type MonthUsage } from '../gateway.limits.js';
import { personOf } from '../caller.js';
import { overageOf, type CompletionEvent, type CompletionMeter } from '../gateway.meter.js';
import type { CompletionAftermath } from '../gateway.settle.js';
import { caller, type EmbeddingsCommand, type EmbeddingsResult } from './embeddings.domain.js';
import { termsAt } from './embeddings.plan.js';
import { storedOf } from './embeddings.stored.js';

/**
 * An embeddings cache hit, as a completion's: no provider, no hold; it costs the cache-hit price
 * (CACHE_HIT_CREDITS, default 0), is metered as cached with what it saved, and counts in the month.
 */
export class EmbeddingsCacheHits {
  constructor(
    private readonly ledger: LedgerService,
    private readonly meter: CompletionMeter,
    private readonly aftermath: CompletionAftermath,
    private readonly price: bigint,
  ) {}

  async answer(
    cmd: EmbeddingsCommand,
    quote: Quote,
    hit: { vectors: Float32Array[]; inputTokens: number },
    key: string | null,
    hash: string | null,
    used: MonthUsage,
  ): Promise<EmbeddingsResult> {
    const id = randomUUID();
    const price = this.price;
    const usage = { inputTokens: hit.inputTokens, outputTokens: 0 };
    const terms = termsAt(quote, used);
    const saved = chargeFor(terms, usage) - price;
    const result = {
      id,
      model: quote.model.id,
      provider: quote.model.provider,
      byok: false,
      cached: true,
      vectors: hit.vectors,
      inputTokens: hit.inputTokens,
      charged: price,
    };
    const event: CompletionEvent = {
      modelId: quote.model.id,
      provider: quote.model.provider,
      status: 'cached',
      cached: true,
      inputTokens: hit.inputTokens,
      outputTokens: 0,
      markupBps: quote.markupBps,
      charged: price,
      saved: saved > 0n ? saved : 0n,
      overage: overageOf(terms, usage, 0n),
      idempotencyKey: key,
      requestHash: hash,
      response: storedOf(result, key !== null),
    };
    let balance: Balance | null = null;
    if (price > 0n) {
      balance =
        (
          await this.ledger.spend({
            userId: cmd.userId,
            amount: price,
            idempotencyKey: `cache-hit:${key ?? id}`,
            memberId: personOf(cmd),
            apiKeyId: cmd.apiKeyId,
            actor: { type: cmd.apiKeyId ? 'api_key' : 'user', id: personOf(cmd) },
            description: `Embeddings with ${quote.model.displayName} (cached)`,
            reference: `embeddings:${id}`,
            within: async (tx) => void (await this.meter.record(caller(cmd), event, tx)),
          })
        ).balance ?? null;
    } else {
      balance = await this.aftermath.balanceBefore(cmd.userId);
      await this.meter.record(caller(cmd), event);
    }
    await this.aftermath.afterCommit(caller(cmd), quote, null, withCall(used, usage));
    balance ??= await this.aftermath.balanceAfterCommit(cmd.userId);
    return { ...result, balance };
  }
}

/** The account, the model, every input and the size: one tenant never gets another's vectors. */
export function cacheKeyOf(cmd: EmbeddingsCommand, quote: Quote): string {
  const normalised = JSON.stringify([cmd.userId, quote.model.id, cmd.inputs, cmd.dimensions]);
  return `embeddings:${createHash('sha256').update(normalised).digest('hex')}`;
}
