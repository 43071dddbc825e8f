import Anthropic from '@anthropic-ai/sdk';
import { ProviderError, type Provider, type ProviderRequest, type ProviderResponse, type ProviderUsage, type StreamPart } from './provider.js';
import { providerFetch } from './provider-fetch.js';
import { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, toProviderError } from './sdk-common.js';

export interface AnthropicOptions {
  /** Missing or blank: the provider is not available. */
  apiKey: string | undefined;
  /** Without `/v1` (the SDK adds it). Unset: Anthropic's own API. */
  baseURL?: string;
  /** Per attempt, as the SDK counts it. */
  timeoutMs?: number;
  /** The SDK's own retries (timeouts, connection errors, 408/409/429/5xx) before we give up. */
  maxRetries?: number;
}

/**
 * Anthropic's Messages API through the official `@anthropic-ai/sdk` (1.x, API version 2026-10-21).
 * System messages become the top-level `system`; `temperature` is not sent: that API version no
 * longer takes it.
 */
export class AnthropicProvider implements Provider {
  readonly name = 'anthropic';
  readonly available: boolean;
  private readonly client: Anthropic | null;

  constructor(options: AnthropicOptions) {
    const apiKey = options.apiKey?.trim();
    this.available = Boolean(apiKey);
    // An explicit apiKey is the client's only credential: no ANTHROPIC_* variables or profiles are read for another.
    this.client = apiKey
      ? new Anthropic({
          apiKey,
          // The SDK's paths start with /v1: a base URL given with it (OpenAI style) would double it.
          baseURL: (options.baseURL ?? 'https://api.anthropic.com').replace(/\/v1\/?$/, ''),
          webhookKey: null,
          timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
          maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
          // The same light fetch as the OpenAI-compatible providers (provider-fetch.ts).
          fetch: providerFetch,
        })
      : null;
  }

  async complete(request: ProviderRequest, signal?: AbortSignal): Promise<ProviderResponse> {
    const client = this.configured();
    let message: Anthropic.Message;
    try {
      message = await client.messages.create(this.body(request), { signal });
    } catch (err) {
      throw toProviderError(this.name, err, Anthropic, signal);
    }
    const content = (message.content ?? []).map((block) => (block.type === 'text' ? block.text : '')).join('');
    return { content, usage: anthropicUsage(message.usage) };
  }

  /** message_start carries the prompt's usage, message_delta the output count so far; both merge into one. */
  async *stream(request: ProviderRequest, signal?: AbortSignal): AsyncIterable<StreamPart> {
    const client = this.configured();
    let usage: Partial<Anthropic.Usage> | null = null;
    try {
      const stream = await client.messages.create({ ...this.body(request), stream: true }, { signal });
      for await (const event of stream) {
        if (event.type === 'message_start') usage = { ...event.message.usage };
        else if (event.type === 'message_delta') usage = { ...(usage ?? {}), ...(definedOnly(event.usage) as Partial<Anthropic.Usage>) };
        else if (event.type === 'content_block_delta' && event.delta.type === 'text_delta' && event.delta.text) {
          yield { type: 'delta', text: event.delta.text };
        }
      }
    } catch (err) {
      throw toProviderError(this.name, err, Anthropic, signal);
    }
    if (usage) yield { type: 'usage', usage: anthropicUsage(usage as Anthropic.Usage) };
  }

  private configured(): Anthropic {
    if (!this.client) throw new ProviderError(this.name, `${this.name} is not configured`, false);
    return this.client;
  }

  private body(request: ProviderRequest) {
    const system = request.messages
      .filter((m) => m.role === 'system')
      .map((m) => m.content)
      .join('\n\n');
    const messages = request.messages
      .filter((m): m is typeof m & { role: 'user' | 'assistant' } => m.role !== 'system')
      .map((m) => ({ role: m.role, content: m.content }));
    return { model: request.model, max_tokens: request.maxTokens, messages, ...(system ? { system } : {}) };
  }
}

/** message_delta sends null for counts it does not restate; those must not wipe message_start's. */
function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined)) as Partial<T>;
}

/**
 * Anthropic counts the prompt in three disjoint parts: `input_tokens` (uncached, after the last cache
 * breakpoint), `cache_read_input_tokens` and `cache_creation_input_tokens`. Our usage counts every
 * prompt token in inputTokens, the cache reads among them in cachedInputTokens (pricing requires
 * cached ≤ input). Cache writes are priced as plain input.
 */
export function anthropicUsage(
  usage: Pick<Anthropic.Usage, 'input_tokens' | 'output_tokens' | 'cache_read_input_tokens' | 'cache_creation_input_tokens'> | undefined,
): ProviderUsage {
  const read = usage?.cache_read_input_tokens ?? 0;
  const written = usage?.cache_creation_input_tokens ?? 0;
  return {
    inputTokens: (usage?.input_tokens ?? 0) + read + written,
    outputTokens: usage?.output_tokens ?? 0,
    cachedInputTokens: read,
  };
}
