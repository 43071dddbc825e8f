import type { Balance } from '../../ledger/index.js';
import type { Caller, CompletionCommand } from '../gateway.domain.js';
import type { EmbeddingInput } from '../providers/embeddings.js';

/** One `POST /v1/embeddings` call, its shapes checked (embeddings.request.ts); ranges and rules are the service's. */
/** `userId` is the account charged, `memberId` the person (Caller, gateway.domain.ts). */
export interface EmbeddingsCommand extends Caller {
  model: string;
  inputs: EmbeddingInput[];
  /** Null: the model's default size. */
  dimensions: number | null;
  idempotencyKey?: string | null;
  /** Default true: answer from the response cache when the same input was embedded before. */
  useCache?: boolean | null;
}

export interface EmbeddingsResult {
  id: string;
  model: string;
  provider: string;
  byok: boolean;
  cached: boolean;
  /** One per input, in input order. */
  vectors: Float32Array[];
  inputTokens: number;
  /** Micro-credits charged for this call. */
  charged: bigint;
  balance: Balance;
}

/**
 * The usage event's `response`: the completion's stored shape (so every reader of usage events sees
 * a model, usage and a charge) plus what was embedded. The vectors, as float32 base64, are kept only
 * for a call with an idempotency key, whose retry is answered from them; others keep the counts.
 */
export interface StoredEmbeddings {
  id: string;
  model: string;
  provider: string;
  fallbackFrom: null;
  byok: boolean;
  content: '';
  usage: { inputTokens: number; outputTokens: 0 };
  charged: string;
  embeddings: { count: number; dimensions: number; vectors?: string[] };
}

/** OpenAI's own caps on one request: 2,048 inputs, 300,000 tokens in all. */
export const MAX_INPUTS = 2_048;
export const MAX_TOTAL_TOKENS = 300_000;
/** The largest answer the response cache keeps (base64 characters: about 1.5 MB of float32). */
export const MAX_CACHED_CHARS = 2_000_000;

/** What the completions' metering helpers read of a call: its caller. */
export const caller = (cmd: EmbeddingsCommand): CompletionCommand => ({
  userId: cmd.userId,
  memberId: cmd.memberId,
  apiKeyId: cmd.apiKeyId,
  limits: cmd.limits,
  model: cmd.model,
});
