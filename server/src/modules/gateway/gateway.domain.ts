import type { ChatMessage } from '@tollgate/shared';
import type { Balance } from '../ledger/ledger.domain.js';

export interface CompletionCommand {
  userId: string;
  apiKeyId: string | null;
  model: string;
  prompt?: string | null;
  messages?: ChatMessage[] | null;
  maxTokens?: number | null;
  temperature?: number | null;
  idempotencyKey?: string | null;
  /** Default true: answer from the response cache when the same request was answered before. */
  useCache?: boolean | null;
  cacheTtlSeconds?: number | null;
}

export interface CompletionResult {
  id: string;
  model: string;
  content: string;
  cached: boolean;
  usage: { inputTokens: number; outputTokens: number };
  /** Micro-credits charged for this call. */
  charged: bigint;
  /** Available balance after the call, micro-credits. */
  available: bigint;
  /** The whole balance after the call (read once, for every transport). */
  balance: Balance;
}

/** What is stored with an idempotency key so a retry can be answered without calling anyone again. */
export interface StoredCompletion {
  id: string;
  model: string;
  content: string;
  usage: { inputTokens: number; outputTokens: number };
  charged: string;
}

export const MAX_MESSAGES = 200;
