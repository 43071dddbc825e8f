import type { CompletionResult } from '../gateway.domain.js';
import type { Ending } from '../openai-compat/ending.js';

export type StopReason = 'end_turn' | 'max_tokens' | 'stop_sequence';

/** Anthropic's usage; Tollgate's response cache is its own, so the prompt-cache counters are 0. */
export interface AnthropicUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

/** Anthropic's `message` object (non-streaming). */
export interface AnthropicMessage {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: Array<{ type: 'text'; text: string }>;
  stop_reason: StopReason;
  stop_sequence: string | null;
  usage: AnthropicUsage;
}

export const toAnthropicUsage = ({ inputTokens, outputTokens }: CompletionResult['usage']): AnthropicUsage => ({
  input_tokens: inputTokens,
  output_tokens: outputTokens,
  cache_creation_input_tokens: 0,
  cache_read_input_tokens: 0,
});

/** A matched stop sequence first; else `max_tokens` when the reply used its whole budget (ending.ts). */
export const stopReasonOf = (ending: Ending, stopSequence: string | null): StopReason =>
  stopSequence !== null ? 'stop_sequence' : ending === 'length' ? 'max_tokens' : 'end_turn';

/** The message for a whole answer; `text` is its content cut at a stop sequence (stop.ts). */
export function toAnthropicMessage(result: CompletionResult, text: string, ending: Ending, stopSequence: string | null): AnthropicMessage {
  return {
    // The completion id is stable across an idempotent retry, so the msg_ id is too.
    id: `msg_${result.id}`,
    type: 'message',
    role: 'assistant',
    model: result.model,
    content: [{ type: 'text', text }],
    stop_reason: stopReasonOf(ending, stopSequence),
    stop_sequence: stopSequence,
    usage: toAnthropicUsage(result.usage),
  };
}
