import { countMessageTokens, countTokens, truncateToTokens } from '@tollgate/shared';
import type { Provider, ProviderRequest, ProviderResponse } from './provider.js';

/**
 * `sandbox/echo` (CONTRACT.md): local and deterministic. Replies with the last user message cut to
 * `maxTokens` tokens; usage is counted with the project's tokenizer. Metered and charged like any model.
 */
export class SandboxProvider implements Provider {
  readonly name = 'sandbox';
  readonly available = true;

  async complete(request: ProviderRequest): Promise<ProviderResponse> {
    const lastUser = [...request.messages].reverse().find((m) => m.role === 'user')?.content ?? '';
    const content = truncateToTokens(lastUser, request.maxTokens, 'sandbox');
    return {
      content,
      usage: { inputTokens: countMessageTokens(request.messages, 'sandbox'), outputTokens: countTokens(content, 'sandbox') },
    };
  }
}
