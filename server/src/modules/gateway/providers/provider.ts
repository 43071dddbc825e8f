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

/** One LLM provider behind the gateway. Throws ProviderError on failure. */
export interface Provider {
  readonly name: string;
  /** False when the provider has no key configured: requests answer PROVIDER_UNAVAILABLE and charge nothing. */
  readonly available: boolean;
  complete(request: ProviderRequest, signal?: AbortSignal): Promise<ProviderResponse>;
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
