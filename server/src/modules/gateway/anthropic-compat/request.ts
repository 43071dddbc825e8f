import type { ChatMessage } from '@tollgate/shared';
import { BadUserInputError } from '../../../platform/errors.js';
import type { CompletionCommand } from '../gateway.domain.js';
import { headerFields, isObject, toMessage, type ChatRequestHeaders } from '../openai-compat/request.js';
import { stopSequencesOf } from '../openai-compat/stop.js';

/** The part of an Anthropic Messages request Tollgate reads; other fields (metadata, top_k, …) are ignored. */
export interface MessagesRequest {
  fields: Omit<CompletionCommand, 'userId' | 'apiKeyId'> & { maxTokens: number };
  stream: boolean;
  /** `stop_sequences`: the reply ends before the first one it contains (stop.ts). */
  stopSequences: string[];
}

const MAX_STOP_SEQUENCES = 16;

/**
 * Maps an Anthropic `POST /v1/messages` body onto the gateway's command. Shapes are checked here,
 * naming Anthropic's parameters; ranges and meaning (temperature, token caps, tier rules, the
 * number of messages) stay with the gateway, so every API refuses exactly the same requests.
 * `system` (a string or text blocks) becomes the first message; message content is a string or
 * text blocks (`{ type: 'text', text }`, read by the same code as OpenAI's text parts).
 */
export function parseMessagesRequest(body: unknown, headers: ChatRequestHeaders): MessagesRequest {
  if (!isObject(body)) throw new BadUserInputError('The request body must be a JSON object (Content-Type: application/json)');
  if (typeof body.model !== 'string' || body.model.trim() === '') throw new BadUserInputError('model: Field required', 'model');
  const maxTokens = body.max_tokens;
  if (typeof maxTokens !== 'number' || !Number.isInteger(maxTokens) || maxTokens < 1) {
    throw new BadUserInputError('max_tokens: Field required, a whole number of at least 1', 'max_tokens');
  }
  if (!Array.isArray(body.messages)) throw new BadUserInputError('messages: must be an array of messages', 'messages');
  if (body.stream !== undefined && body.stream !== null && typeof body.stream !== 'boolean') throw new BadUserInputError('stream: must be a boolean', 'stream');
  const temperature = body.temperature;
  if (temperature !== undefined && temperature !== null && typeof temperature !== 'number')
    throw new BadUserInputError('temperature: must be a number', 'temperature');
  if (Array.isArray(body.tools) && body.tools.length > 0) throw new BadUserInputError('tools: tools are not supported', 'tools');
  const messages = body.messages.map((m, i) => {
    const message = toMessage(m, i);
    if (message.role !== 'user' && message.role !== 'assistant') {
      throw new BadUserInputError(`messages.${i}.role: must be "user" or "assistant" (send a system prompt as "system")`, 'messages');
    }
    return message;
  });
  return {
    fields: { model: body.model, messages: [...systemOf(body.system), ...messages], maxTokens, temperature: temperature ?? null, ...headerFields(headers) },
    stream: body.stream === true,
    stopSequences: stopSequencesOf(body.stop_sequences, 'stop_sequences', MAX_STOP_SEQUENCES, false),
  };
}

function systemOf(system: unknown): ChatMessage[] {
  if (system === undefined || system === null || system === '') return [];
  if (typeof system === 'string') return [{ role: 'system', content: system }];
  if (!Array.isArray(system)) throw new BadUserInputError('system: must be a string or an array of text blocks', 'system');
  const blocks = system.map((block) => {
    if (!isObject(block) || block.type !== 'text' || typeof block.text !== 'string')
      throw new BadUserInputError('system: only text blocks are supported', 'system');
    return block.text;
  });
  // Blocks are separate paragraphs of one prompt (tools send their instructions that way).
  const text = blocks.filter(Boolean).join('\n\n');
  return text ? [{ role: 'system', content: text }] : [];
}
