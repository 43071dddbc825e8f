import type { ChatMessage } from '@tollgate/shared';
import { BadUserInputError } from '../../../platform/errors.js';
import type { Principal } from '../../auth/index.js';
import type { CompletionCommand } from '../gateway.domain.js';
import { callerOf } from '../caller.js';
import { stopSequencesOf } from './stop.js';

/** The part of an OpenAI chat-completions request Tollgate reads; other fields are ignored. */
export type ChatRequest = Omit<CompletionCommand, 'userId' | 'apiKeyId'> & {
  maxTokens: number | null;
  /** `stream: true`: answer as server-sent events. */
  stream: boolean;
  /** `stream_options.include_usage`: a last chunk with the usage (and Tollgate's charge). */
  includeUsage: boolean;
  /** `stop`: the reply ends before the first of these it contains (stop.ts). */
  stopSequences: string[];
};

export interface ChatRequestHeaders {
  idempotencyKey?: string | string[];
  cacheControl?: string | string[];
}

/** The headers every /v1 API reads the same way. */
export const requestHeaders = (req: { headers: Record<string, string | string[] | undefined> }): ChatRequestHeaders => ({
  idempotencyKey: req.headers['idempotency-key'],
  cacheControl: req.headers['cache-control'],
});

/** The gateway's command for a parsed request, on behalf of its caller. */
export function completionCommand(principal: Principal, fields: Omit<CompletionCommand, 'userId' | 'apiKeyId'>): CompletionCommand {
  return { ...fields, ...callerOf(principal), confirm: principal.confirm };
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Maps an OpenAI `POST /chat/completions` body onto the gateway's command. Shapes are checked here
 * (so a wrong type is a 400 naming the OpenAI parameter); ranges and semantics (roles, temperature,
 * token caps, tier rules) stay with the gateway, so both APIs refuse exactly the same requests.
 */
export function parseChatRequest(body: unknown, headers: ChatRequestHeaders): ChatRequest {
  if (!isObject(body)) throw new BadUserInputError('The request body must be a JSON object (Content-Type: application/json)');
  if (body.stream !== undefined && body.stream !== null && typeof body.stream !== 'boolean') throw new BadUserInputError('stream must be a boolean', 'stream');
  const options = body.stream_options;
  if (options !== undefined && options !== null && !isObject(options)) throw new BadUserInputError('stream_options must be an object', 'stream_options');
  if (typeof body.model !== 'string' || body.model.trim() === '') throw new BadUserInputError('model is required', 'model');
  if (!Array.isArray(body.messages)) throw new BadUserInputError('messages must be an array of messages', 'messages');
  if (body.n !== undefined && body.n !== null && body.n !== 1) throw new BadUserInputError('Only n=1 is supported', 'n');
  if (Array.isArray(body.tools) && body.tools.length > 0) throw new BadUserInputError('tools are not supported', 'tools');
  const temperature = body.temperature;
  if (temperature !== undefined && temperature !== null && typeof temperature !== 'number') {
    throw new BadUserInputError('temperature must be a number from 0 to 2', 'temperature');
  }
  return {
    model: body.model,
    messages: body.messages.map(toMessage),
    maxTokens: maxTokensOf(body),
    temperature: temperature ?? null,
    ...headerFields(headers),
    stream: body.stream === true,
    includeUsage: isObject(options) && options.include_usage === true,
    stopSequences: stopSequencesOf(body.stop, 'stop', 4, true),
  };
}

/** `Idempotency-Key` as `idempotencyKey`; `Cache-Control: no-cache` (or no-store) skips Tollgate's response cache (by default it is used, as over GraphQL). */
export function headerFields(headers: ChatRequestHeaders): Pick<CompletionCommand, 'idempotencyKey' | 'useCache'> {
  return {
    idempotencyKey: single(headers.idempotencyKey) ?? null,
    useCache: /\bno-(cache|store)\b/i.test(single(headers.cacheControl) ?? '') ? false : null,
  };
}

/** `max_completion_tokens` (current) or `max_tokens` (deprecated); absent means the tier's cap. */
function maxTokensOf(body: Record<string, unknown>): number | null {
  let found: number | null = null;
  // Both are checked when both are sent: a bad one is refused, not silently ignored.
  for (const param of ['max_completion_tokens', 'max_tokens'] as const) {
    const value = body[param];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      throw new BadUserInputError(`${param} must be a whole number of at least 1`, param);
    }
    found ??= value;
  }
  return found;
}

/** A message's content is a string or text parts; `developer` is OpenAI's newer name for `system`. Anthropic's text blocks have the same shape. */
export function toMessage(m: unknown, i: number): ChatMessage {
  if (!isObject(m) || typeof m.role !== 'string') throw new BadUserInputError(`messages[${i}] must be an object with a role`, 'messages');
  const role = (m.role === 'developer' ? 'system' : m.role) as ChatMessage['role'];
  let content = m.content;
  if (Array.isArray(content)) {
    content = content
      .map((part) => {
        if (!isObject(part) || part.type !== 'text' || typeof part.text !== 'string') {
          throw new BadUserInputError(`messages[${i}]: only text content parts are supported`, 'messages');
        }
        return part.text;
      })
      .join('');
  }
  if (typeof content !== 'string') throw new BadUserInputError(`messages[${i}] needs text content`, 'messages');
  return { role, content };
}

function single(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
