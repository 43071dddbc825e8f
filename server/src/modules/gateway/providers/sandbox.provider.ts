import { countMessageTokens, countTokens, truncateToTokens } from '@tollgate/shared';
import type { Provider, ProviderRequest, ProviderResponse, StreamPart } from './provider.js';
import { ProviderError } from './provider.js';

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });

/**
 * `sandbox/echo` (docs/api.md): local and deterministic. Replies with the last user message cut to
 * `maxTokens` tokens; usage is counted with the project's tokenizer. Metered and charged like any model.
 * Streamed, it sends the reply a word at a time, `chunkDelayMs` apart (0 by default; demos set it).
 */
export class SandboxProvider implements Provider {
  readonly name = 'sandbox';
  readonly available = true;

  constructor(private readonly chunkDelayMs = 0) {}

  async complete(request: ProviderRequest): Promise<ProviderResponse> {
    const content = this.reply(request);
    return { content, usage: this.usage(request, content) };
  }

  async *stream(request: ProviderRequest, signal?: AbortSignal): AsyncIterable<StreamPart> {
    const content = this.reply(request);
    for (const [i, piece] of (content.match(/\s*\S+\s*/g) ?? (content ? [content] : [])).entries()) {
      if (i > 0) await sleep(this.chunkDelayMs, signal);
      if (signal?.aborted) throw new ProviderError(this.name, 'sandbox request was aborted', false);
      yield { type: 'delta', text: piece };
    }
    yield { type: 'usage', usage: this.usage(request, content) };
  }

  private reply(request: ProviderRequest): string {
    const lastUser = [...request.messages].reverse().find((m) => m.role === 'user')?.content ?? '';
    return truncateToTokens(lastUser, request.maxTokens, 'sandbox');
  }

  private usage(request: ProviderRequest, content: string) {
    return { inputTokens: countMessageTokens(request.messages, 'sandbox'), outputTokens: countTokens(content, 'sandbox') };
  }
}
