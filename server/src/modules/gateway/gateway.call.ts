import { countTokens, type ChatMessage } from '@tollgate/shared';
import { tokenizerFamily } from '../catalog/index.js';
import type { Candidate } from './gateway.plan.js';
import type { ProviderUsage } from './providers/provider.js';
import { ProviderError } from './providers/provider.js';

/** What one provider attempt produced; `usage` is the provider's count, or null when it sent none. */
export interface CallOutcome {
  content: string;
  usage: ProviderUsage | null;
  /** The client went away mid-answer: `content` is what was delivered before it did. */
  aborted: boolean;
}

/** Text delivered to the client so far, across attempts (a fallback is only tried while it is empty). */
export interface Delivered {
  text: string;
}

/**
 * One attempt on one candidate: whole, or streamed to `onDelta`. An abort after some text was
 * delivered is not a failure: the call ends and is settled for what was produced.
 */
export async function callCandidate(
  c: Candidate,
  messages: ChatMessage[],
  temperature: number | null,
  delivered: Delivered,
  onDelta?: (text: string, from: { model: string; provider: string }) => void,
  signal?: AbortSignal,
): Promise<CallOutcome> {
  const request = { model: c.quote.model.providerModel, messages, maxTokens: c.maxTokens, temperature };
  if (!onDelta) {
    const response = await c.provider.complete(request, signal);
    return { content: response.content, usage: response.usage, aborted: false };
  }
  let usage: ProviderUsage | null = null;
  const from = { model: c.quote.model.id, provider: c.provider.name };
  try {
    for await (const part of c.provider.stream(request, signal)) {
      if (part.type === 'usage') {
        usage = part.usage;
      } else if (!signal?.aborted) {
        delivered.text += part.text;
        onDelta(part.text, from);
      }
    }
  } catch (err) {
    if (signal?.aborted && delivered.text.length > 0) return { content: delivered.text, usage, aborted: true };
    throw err;
  }
  if (signal?.aborted) {
    if (delivered.text.length === 0) throw new ProviderError(c.provider.name, 'the client went away before the answer began', false);
    return { content: delivered.text, usage, aborted: true };
  }
  return { content: delivered.text, usage, aborted: false };
}

/**
 * The usage a call is settled at: the provider's own count when it sent one, else the project's
 * tokenizer over what was sent and produced. Output is capped at the budget the hold was taken for.
 */
export function settledUsage(c: Candidate, outcome: CallOutcome): ProviderUsage {
  const u = outcome.usage ?? {
    inputTokens: c.inputTokens,
    outputTokens: countTokens(outcome.content, tokenizerFamily(c.quote.model), c.quote.model.providerModel),
  };
  // Delivered text is never free, whatever a provider cut short reports.
  const outputTokens = Math.max(Math.min(u.outputTokens, c.maxTokens), outcome.content.length > 0 ? 1 : 0);
  return { inputTokens: u.inputTokens, outputTokens, cachedInputTokens: u.cachedInputTokens };
}
