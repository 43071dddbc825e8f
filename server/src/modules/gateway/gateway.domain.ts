import type { Confirm } from './gateway.plan.js';
import type { ChatMessage } from '@tollgate/shared';
import type { Balance } from '../ledger/index.js';

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
  /**
   * A principal served from the cache unconfirmed: the per-minute limits' Redis round trip reads its
   * user's version (`read`), and `check` refuses the call when that says the principal changed.
   */
  confirm?: Confirm;
}

/** How a caller takes the answer: whole (no onDelta), or streamed piece by piece until it aborts. */
export interface CompletionOptions {
  /** Each piece of text as the provider sends it; a cached or replayed answer arrives as one piece. */
  onDelta?: (text: string, from: { model: string; provider: string }) => void;
  /** The client went away: stop the provider call and settle for what was produced. */
  signal?: AbortSignal;
}

export interface CompletionResult {
  id: string;
  /** The model that answered: the one asked for (or chosen by `auto`), or its fallback. */
  model: string;
  provider: string;
  /** The model first chosen, when a fallback answered instead; null otherwise. */
  fallbackFrom: string | null;
  /** Called with the user's own provider key: metered, not charged. */
  byok: boolean;
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
  provider: string;
  fallbackFrom: string | null;
  byok: boolean;
  content: string;
  usage: { inputTokens: number; outputTokens: number };
  charged: string;
}

export const MAX_MESSAGES = 200;
