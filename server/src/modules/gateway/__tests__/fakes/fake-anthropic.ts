import type { ServerResponse } from 'node:http';
import { cutToTokens, FakeProviderServer, pieces, roughTokens, textOf, type MessageLike } from './fake-http.js';

/** Usage in Anthropic's wire names: input_tokens excludes the cache reads and writes. */
export interface AnthropicUsage {
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens: number;
  cache_creation_input_tokens: number;
}

interface MessagesBody {
  model?: string;
  system?: string | Array<{ type: string; text?: string }>;
  messages?: MessageLike[];
  max_tokens?: number;
  stream?: boolean;
}

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  529: 'overloaded_error',
};

/**
 * Anthropic's Messages API on 127.0.0.1, for the real `@anthropic-ai/sdk`:
 * `new Anthropic({ baseURL: fake.baseURL })` (no `/v1`). Accepts `Authorization: Bearer` or
 * `x-api-key` and any `anthropic-version`. POST /v1/messages answers a JSON message, or with
 * `stream: true` the events message_start, content_block_start, ping, content_block_delta
 * (text_delta)…, content_block_stop, message_delta (stop_reason, usage.output_tokens), message_stop.
 */
export class FakeAnthropic extends FakeProviderServer<AnthropicUsage> {
  /** `http://127.0.0.1:PORT`, the SDK's baseURL. */
  get baseURL(): string {
    return this.origin;
  }

  static start(): Promise<FakeAnthropic> {
    return new FakeAnthropic().start();
  }

  protected responseHeaders(): Record<string, string> {
    return { 'request-id': `req_fake_${this.counter}` };
  }

  protected errorBody(status: number, message: string): unknown {
    return { type: 'error', error: { type: ERROR_TYPES[status] ?? 'api_error', message }, request_id: `req_fake_${this.counter}` };
  }

  protected async route(method: string, path: string, body: unknown, res: ServerResponse): Promise<boolean> {
    if (method !== 'POST' || path !== '/v1/messages') return false;
    await this.messages((body ?? {}) as MessagesBody, res);
    return true;
  }

  private usageFor(body: MessagesBody, content: string): AnthropicUsage {
    const system = textOf(body.system);
    const input = (body.messages ?? []).reduce((n, m) => n + 3 + roughTokens(textOf(m.content)), roughTokens(system));
    return { input_tokens: input, output_tokens: roughTokens(content), cache_read_input_tokens: 0, cache_creation_input_tokens: 0, ...this.script.usage };
  }

  private async messages(body: MessagesBody, res: ServerResponse): Promise<void> {
    if (typeof body.max_tokens !== 'number' || !Array.isArray(body.messages)) {
      this.json(res, 400, this.errorBody(400, 'max_tokens and messages are required'));
      return;
    }
    const n = ++this.counter;
    const { text, cut } = cutToTokens(this.replyFor(body.messages), body.max_tokens);
    const usage = this.usageFor(body, text);
    const wireUsage = { ...usage, cache_creation: null, inference_geo: null, server_tool_use: null, service_tier: 'standard', output_tokens_details: null };
    const stopReason = cut ? 'max_tokens' : 'end_turn';
    const message = {
      id: `msg_fake${n}`,
      type: 'message',
      role: 'assistant',
      model: body.model ?? 'claude-fake',
      container: null,
      stop_reason: stopReason,
      stop_sequence: null,
      stop_details: null,
    };
    if (!body.stream) {
      this.json(res, 200, { ...message, content: [{ type: 'text', text, citations: null }], usage: wireUsage });
      return;
    }
    const event = (type: string, data: object) => ({ event: type, data: { type, ...data } });
    await this.sse(res, [
      event('message_start', { message: { ...message, stop_reason: null, content: [], usage: { ...wireUsage, output_tokens: 1 } } }),
      event('content_block_start', { index: 0, content_block: { type: 'text', text: '', citations: null } }),
      event('ping', {}),
      ...pieces(text).map((p) => event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: p } })),
      event('content_block_stop', { index: 0 }),
      event('message_delta', { delta: { stop_reason: stopReason, stop_sequence: null, stop_details: null }, usage: { output_tokens: usage.output_tokens } }),
      event('message_stop', {}),
    ]);
  }
}
