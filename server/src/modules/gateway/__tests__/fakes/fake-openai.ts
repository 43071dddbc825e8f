import type { ServerResponse } from 'node:http';
import { cutToTokens, FakeProviderServer, pieces, roughTokens, textOf, type MessageLike } from './fake-http.js';

/** Usage in OpenAI's wire names (`cached_tokens` goes under prompt_tokens_details). */
export interface OpenAiUsage {
  prompt_tokens: number;
  completion_tokens: number;
  cached_tokens: number;
}

interface ChatBody {
  model?: string;
  messages?: MessageLike[];
  max_tokens?: number;
  max_completion_tokens?: number;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
}

interface EmbeddingsBody {
  model?: string;
  input?: string | string[] | number[] | number[][];
  encoding_format?: 'float' | 'base64';
  dimensions?: number;
}

/**
 * OpenAI's Chat Completions API on 127.0.0.1, for the real `openai` SDK (and so for the Google and
 * OpenRouter providers, which speak it too): `new OpenAI({ baseURL: fake.baseURL })`.
 * POST /v1/chat/completions answers JSON, or with `stream: true` chat.completion.chunk events
 * (a usage chunk when `stream_options.include_usage`) ending with `data: [DONE]`.
 */
export class FakeOpenAi extends FakeProviderServer<OpenAiUsage> {
  /** `http://127.0.0.1:PORT/v1`, the SDK's baseURL. */
  get baseURL(): string {
    return `${this.origin}/v1`;
  }

  static start(): Promise<FakeOpenAi> {
    return new FakeOpenAi().start();
  }

  protected responseHeaders(): Record<string, string> {
    return { 'x-request-id': `req_fake_${this.counter}` };
  }

  protected errorBody(status: number, message: string): unknown {
    const type = status === 401 ? 'invalid_api_key' : status === 429 ? 'rate_limit_exceeded' : status >= 500 ? 'server_error' : 'invalid_request_error';
    return { error: { message, type, param: null, code: status === 401 ? 'invalid_api_key' : null } };
  }

  protected async route(method: string, path: string, body: unknown, res: ServerResponse): Promise<boolean> {
    if (method === 'POST' && path === '/v1/chat/completions') {
      await this.chat((body ?? {}) as ChatBody, res);
      return true;
    }
    if (method === 'POST' && path === '/v1/embeddings') {
      this.embeddings((body ?? {}) as EmbeddingsBody, res);
      return true;
    }
    if (method === 'GET' && path === '/v1/models') {
      this.json(res, 200, { object: 'list', data: [{ id: 'gpt-fake', object: 'model', created: 0, owned_by: 'fake' }] });
      return true;
    }
    return false;
  }

  /**
   * POST /v1/embeddings: a deterministic vector per input (value i of input n is a function of the input's
   * text and i), `dimensions` honoured, base64 as little-endian float32 like OpenAI. prompt_tokens: ≈ 4
   * characters a token (a token array counts its ids), or `script.usage.prompt_tokens`.
   */
  private embeddings(body: EmbeddingsBody, res: ServerResponse): void {
    const inputs = Array.isArray(body.input) && (body.input.length === 0 || typeof body.input[0] !== 'number') ? body.input : [body.input];
    const size = body.dimensions ?? (body.model === 'text-embedding-3-large' ? 3072 : 1536);
    const vectors = inputs.map((input) => {
      const seed = typeof input === 'string' ? [...input].reduce((h, c) => (h * 31 + c.codePointAt(0)!) % 1_000_003, 7) : (input as number[]).length;
      return Float32Array.from({ length: size }, (_, i) => Math.sin(seed + i) / Math.sqrt(size / 2));
    });
    const counted = inputs.reduce((n: number, input) => n + (typeof input === 'string' ? roughTokens(input) : (input as number[]).length), 0);
    const prompt = this.script.usage.prompt_tokens ?? counted;
    const encode = (v: Float32Array) =>
      body.encoding_format === 'base64' ? Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') : Array.from(v);
    this.json(res, 200, {
      object: 'list',
      data: vectors.map((v, index) => ({ object: 'embedding', index, embedding: encode(v) })),
      model: body.model ?? 'text-embedding-fake',
      usage: { prompt_tokens: prompt, total_tokens: prompt },
    });
  }

  private usageFor(body: ChatBody, content: string): OpenAiUsage {
    const prompt = (body.messages ?? []).reduce((n, m) => n + 4 + roughTokens(textOf(m.content)), 3);
    return { prompt_tokens: prompt, completion_tokens: roughTokens(content), cached_tokens: 0, ...this.script.usage };
  }

  private wireUsage(u: OpenAiUsage) {
    return {
      prompt_tokens: u.prompt_tokens,
      completion_tokens: u.completion_tokens,
      total_tokens: u.prompt_tokens + u.completion_tokens,
      prompt_tokens_details: { cached_tokens: u.cached_tokens, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    };
  }

  private async chat(body: ChatBody, res: ServerResponse): Promise<void> {
    const n = ++this.counter;
    const { text, cut } = cutToTokens(this.replyFor(body.messages), body.max_completion_tokens ?? body.max_tokens);
    const usage = this.wireUsage(this.usageFor(body, text));
    const head = { id: `chatcmpl-fake${n}`, created: Math.floor(Date.now() / 1000), model: body.model ?? 'gpt-fake', system_fingerprint: 'fp_fake' };
    const finish = cut ? 'length' : 'stop';
    if (!body.stream) {
      this.json(res, 200, {
        ...head,
        object: 'chat.completion',
        choices: [{ index: 0, message: { role: 'assistant', content: text, refusal: null, annotations: [] }, logprobs: null, finish_reason: finish }],
        usage,
        service_tier: 'default',
      });
      return;
    }
    const withUsage = body.stream_options?.include_usage === true;
    const chunk = (choices: unknown[], extra: object = {}) => ({
      data: { ...head, object: 'chat.completion.chunk', choices, ...(withUsage ? { usage: null } : {}), ...extra },
    });
    const delta = (d: object, finish_reason: string | null = null) => ({ index: 0, delta: d, logprobs: null, finish_reason });
    await this.sse(res, [
      chunk([delta({ role: 'assistant', content: '', refusal: null })]),
      ...pieces(text).map((p) => chunk([delta({ content: p })])),
      chunk([delta({}, finish)]),
      ...(withUsage ? [chunk([], { usage })] : []),
      { data: '[DONE]' },
    ]);
  }
}
