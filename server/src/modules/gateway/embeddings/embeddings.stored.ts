import { IdempotencyConflictError } from '../../../platform/errors.js';
import type { LedgerService } from '../../ledger/index.js';
import type { CompletionUsageService } from '../../metering/index.js';
import type { CachedAnswer } from '../gateway.cache.js';
import { base64ToFloat32, float32ToBase64 } from '../providers/embeddings.js';
import type { EmbeddingsResult, StoredEmbeddings } from './embeddings.domain.js';

type Answered = Omit<EmbeddingsResult, 'balance'>;

/** The usage event's record of a call; the vectors only when a retry with its key must be answered from it. */
export function storedOf(result: Answered, keepVectors: boolean): StoredEmbeddings {
  return {
    id: result.id,
    model: result.model,
    provider: result.provider,
    fallbackFrom: null,
    byok: result.byok,
    content: '',
    usage: { inputTokens: result.inputTokens, outputTokens: 0 },
    charged: result.charged.toString(),
    embeddings: {
      count: result.vectors.length,
      dimensions: result.vectors[0]?.length ?? 0,
      ...(keepVectors ? { vectors: result.vectors.map(float32ToBase64) } : {}),
    },
  };
}

/** Same key, same request: the stored answer, nothing called or charged. Same key, another request: a conflict. */
export async function replayEmbeddings(
  usage: Pick<CompletionUsageService, 'findByKey'>,
  ledger: Pick<LedgerService, 'balance'>,
  userId: string,
  key: string,
  hash: string,
): Promise<EmbeddingsResult | null> {
  const found = await usage.findByKey(userId, key);
  if (!found) return null;
  const stored = found.response as Partial<StoredEmbeddings> | null;
  if (found.requestHash !== hash || !stored?.embeddings?.vectors) throw new IdempotencyConflictError(key);
  return {
    id: stored.id!,
    model: stored.model!,
    provider: stored.provider ?? '',
    byok: stored.byok ?? false,
    cached: found.status === 'cached',
    vectors: stored.embeddings.vectors.map(base64ToFloat32),
    inputTokens: stored.usage?.inputTokens ?? 0,
    charged: BigInt(stored.charged ?? '0'),
    balance: await ledger.balance(userId),
  };
}

/**
 * The response cache holds completions' answers (gateway.cache.ts); an embedding rides in the same
 * shape, its vectors as float32 base64 in `content` (exact: what the provider sent was float32).
 */
export function toCache(result: Answered): CachedAnswer {
  return {
    model: result.model,
    content: JSON.stringify(result.vectors.map(float32ToBase64)),
    usage: { inputTokens: result.inputTokens, outputTokens: 0 },
  };
}

export function fromCache(hit: CachedAnswer | null): { vectors: Float32Array[]; inputTokens: number } | null {
  if (!hit) return null;
  try {
    const vectors = JSON.parse(hit.content) as unknown;
    if (!Array.isArray(vectors) || !vectors.every((v) => typeof v === 'string')) return null;
    return { vectors: vectors.map(base64ToFloat32), inputTokens: hit.usage.inputTokens };
  } catch {
    // Not ours (a key collision across shapes cannot happen with the prefix, but a miss is always safe).
    return null;
  }
}
