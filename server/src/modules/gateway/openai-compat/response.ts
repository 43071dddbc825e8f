import type { PricedModel } from '../../catalog/index.js';
import type { CompletionResult } from '../gateway.domain.js';
import type { Ending } from './ending.js';

/** OpenAI's `chat.completion` object (non-streaming). */
export interface ChatCompletion {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: Array<{ index: 0; message: { role: 'assistant'; content: string; refusal: null }; finish_reason: 'stop' | 'length'; logprobs: null }>;
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}

export interface OpenAiModel {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
}

export const unixSeconds = (d: Date): number => Math.floor(d.getTime() / 1000);

export const toOpenAiUsage = ({ inputTokens, outputTokens }: CompletionResult['usage']): ChatCompletion['usage'] => ({
  prompt_tokens: inputTokens,
  completion_tokens: outputTokens,
  total_tokens: inputTokens + outputTokens,
});

/** `finish_reason` is the reply's ending (ending.ts): `length` when it used its whole output budget. */
export function toChatCompletion(result: CompletionResult, ending: Ending, now: Date): ChatCompletion {
  return {
    // The completion id is stable across an idempotent retry, so the chatcmpl- id is too.
    id: `chatcmpl-${result.id}`,
    object: 'chat.completion',
    created: unixSeconds(now),
    model: result.model,
    choices: [{ index: 0, message: { role: 'assistant', content: result.content, refusal: null }, finish_reason: ending, logprobs: null }],
    usage: toOpenAiUsage(result.usage),
  };
}

/**
 * The catalog has no creation date for a model; `created` is when its current price took effect,
 * the closest stable date it has. `owned_by` is the provider (`openai`, `anthropic`, `sandbox`…).
 */
export function toOpenAiModel({ model }: PricedModel): OpenAiModel {
  return { id: model.id, object: 'model', created: unixSeconds(model.price.effectiveFrom), owned_by: model.provider };
}
