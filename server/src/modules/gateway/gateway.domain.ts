import type { Confirm } from './gateway.plan.js';
import type { ChatMessage } from '@tollgate/shared';
import type { Balance } from '../ledger/index.js';

/**
 * Who calls, for which account (caller.ts, callerOf: from the principal). `userId` is the ACCOUNT
 * charged (the caller's own, or a team's); `memberId` the person who called (attribution, and the
 * per-minute limits, which are per person); absent, the account's own holder.
 */
export interface Caller {
  userId: string;
  memberId?: string | null;
  apiKeyId: string | null;
  limits?: CallerLimits;
}

/** What the principal adds to the tier's rules (docs/decisions/0056-spend-caps.md). */
export interface CallerLimits {
  /** A key or member spend cap applies: the hold checks the caps (the values read from the database, in the hold's statement). */
  capped: boolean;
  /** The key's model allow-list; null: every model the tier allows. */
  models: readonly string[] | null;
}

export interface CompletionCommand extends Caller {
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
