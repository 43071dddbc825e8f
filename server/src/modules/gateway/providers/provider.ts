import type { ChatMessage } from '@tollgate/shared';

export interface ProviderRequest {
  /** The provider's own model name. */
  model: string;
  messages: ChatMessage[];
  maxTokens: number;
  temperature: number | null;
}

export interface ProviderUsage {
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens?: number;
}

export interface ProviderResponse {
  content: string;
  usage: ProviderUsage;
}

/** A streamed answer: text as it comes, and the provider's usage when (and if) it reports one. */
export type StreamPart = { type: 'delta'; text: string } | { type: 'usage'; usage: ProviderUsage };

/** One LLM provider behind the gateway. Throws ProviderError on failure. */
export interface Provider {
  readonly name: string;
  /** False when the provider has no key configured: requests answer PROVIDER_UNAVAILABLE and charge nothing. */
  readonly available: boolean;
  complete(request: ProviderRequest, signal?: AbortSignal): Promise<ProviderResponse>;
  /** The same call, streamed. Aborting the signal stops the upstream request. */
  stream(request: ProviderRequest, signal?: AbortSignal): AsyncIterable<StreamPart>;
}

/** The provider that serves one call: the platform's, or one built on the user's own key (BYOK). */
export interface ProviderFactory {
  /** The platform's provider for a catalog provider name, if there is one. */
  platform(name: string): Provider | undefined;
  /** A provider calling with `apiKey` instead of the platform key; undefined for a provider that takes no key. */
  withKey(name: string, apiKey: string): Provider | undefined;
}

export class ProviderError extends Error {
  constructor(
    readonly provider: string,
    message: string,
    /** Worth trying the next provider in the fallback chain. */
    readonly transient: boolean,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}
