import OpenAI from 'openai';
import { countMessageTokens, countTokens, type TokenizerFamily } from '@tollgate/shared';
import { ProviderError, type Provider, type ProviderRequest, type ProviderResponse, type ProviderUsage, type StreamPart } from './provider.js';
import { chatCompletionsUrl, postChatCompletion, type DirectTarget } from './openai-direct.js';
import { providerFetch } from './provider-fetch.js';
import { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, toProviderError } from './sdk-common.js';

export interface OpenAiCompatibleOptions {
  /** The catalog's provider name: `openai`, `google` or `openrouter`. */
  name: string;
  /** Missing or blank: the provider is not available. */
  apiKey: string | undefined;
  /** Unset: OpenAI's own API. Google and OpenRouter pass their OpenAI-compatible endpoints. */
  baseURL?: string;
  /** Per attempt, as the SDK counts it. */
  timeoutMs?: number;
  /** The SDK's own retries (timeouts, connection errors, 408/409/429/5xx) before we give up. */
  maxRetries?: number;
}

const FAMILIES: readonly string[] = ['openai', 'anthropic', 'google', 'openrouter'];
const OPENAI_BASE_URL = 'https://api.openai.com/v1';
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Any provider that speaks OpenAI's Chat Completions API, through the official `openai` SDK:
 * OpenAI itself, Google Gemini (its OpenAI-compatible endpoint) and OpenRouter. A non-streamed
 * completion's first attempt skips the SDK (openai-direct.ts); its retries and streams use it.
 */
export class OpenAiCompatibleProvider implements Provider {
  readonly name: string;
  readonly available: boolean;
  private readonly options: OpenAiCompatibleOptions;
  private readonly direct: DirectTarget | null;
  private sdk: OpenAI | null = null;
  private readonly family: TokenizerFamily;

  constructor(options: OpenAiCompatibleOptions) {
    this.name = options.name;
    this.options = options;
    this.family = (FAMILIES.includes(options.name) ? options.name : 'openai') as TokenizerFamily;
    const apiKey = options.apiKey?.trim();
    this.available = Boolean(apiKey);
    this.direct = apiKey
      ? {
          url: chatCompletionsUrl(options.baseURL ?? OPENAI_BASE_URL),
          apiKey,
          timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
          maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
        }
      : null;
  }

  /**
   * A non-streamed completion: the first attempt goes directly over provider-fetch (openai-direct.ts,
   * a fraction of the SDK's CPU); a failure the SDK would retry is retried by the SDK itself after the
   * wait it would have taken, with the retries that are left. Errors are the SDK's either way.
   */
  async complete(request: ProviderRequest, signal?: AbortSignal): Promise<ProviderResponse> {
    const target = this.configured();
    const body = this.body(request);
    let completion: OpenAI.Chat.ChatCompletion;
    try {
      const first = await postChatCompletion(target, body, signal);
      if ('completion' in first) completion = first.completion;
      else {
        await sleep(first.retryAfterMs);
        completion = await this.client().chat.completions.create(body, { signal, maxRetries: target.maxRetries - 1 });
      }
    } catch (err) {
      throw toProviderError(this.name, err, OpenAI, signal);
    }
    const choice = completion.choices?.[0];
    if (!choice) throw new ProviderError(this.name, `${this.name} returned no completion`, true);
    const content = choice.message?.content ?? '';
    return { content, usage: this.usage(completion.usage, request, content) };
  }

  async *stream(request: ProviderRequest, signal?: AbortSignal): AsyncIterable<StreamPart> {
    this.configured();
    const client = this.client();
    let content = '';
    let reported: OpenAI.CompletionUsage | undefined;
    try {
      const stream = await client.chat.completions.create({ ...this.body(request), stream: true, stream_options: { include_usage: true } }, { signal });
      for await (const chunk of stream) {
        if (chunk.usage) reported = chunk.usage;
        const text = chunk.choices?.[0]?.delta?.content;
        if (text) {
          content += text;
          yield { type: 'delta', text };
        }
      }
    } catch (err) {
      throw toProviderError(this.name, err, OpenAI, signal);
    }
    yield { type: 'usage', usage: this.usage(reported, request, content) };
  }

  private configured(): DirectTarget {
    if (!this.direct) throw new ProviderError(this.name, `${this.name} is not configured`, false);
    return this.direct;
  }

  /** The SDK client, made on first need (streams, retries): a BYOK provider lives for one request. */
  private client(): OpenAI {
    const target = this.configured();
    // Every option the SDK would otherwise read from OPENAI_* variables is explicit: those belong to
    // the `openai` provider, never to Google or OpenRouter.
    return (this.sdk ??= new OpenAI({
      apiKey: target.apiKey,
      adminAPIKey: null,
      organization: null,
      baseURL: this.options.baseURL ?? OPENAI_BASE_URL,
      project: null,
      timeout: target.timeoutMs,
      maxRetries: target.maxRetries,
      // A lighter fetch than the global one (provider-fetch.ts): the same wire, a fraction of the CPU.
      fetch: providerFetch,
    }));
  }

  private body(request: ProviderRequest) {
    return {
      model: request.model,
      messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
      max_tokens: request.maxTokens,
      ...(request.temperature === null ? {} : { temperature: request.temperature }),
    };
  }

  /** The provider's own count; when it sends none (some compatible endpoints), the project's tokenizer. */
  private usage(usage: OpenAI.CompletionUsage | undefined, request: ProviderRequest, content: string): ProviderUsage {
    if (!usage) {
      return {
        inputTokens: countMessageTokens(request.messages, this.family, request.model),
        outputTokens: countTokens(content, this.family, request.model),
      };
    }
    const inputTokens = usage.prompt_tokens ?? 0;
    const cached = usage.prompt_tokens_details?.cached_tokens ?? 0;
    // prompt_tokens includes the cached ones; the clamp keeps a confused endpoint from breaking pricing.
    return { inputTokens, outputTokens: usage.completion_tokens ?? 0, cachedInputTokens: Math.min(Math.max(cached, 0), inputTokens) };
  }
}
