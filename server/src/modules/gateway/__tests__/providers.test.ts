import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AnthropicProvider } from '../providers/anthropic.provider.js';
import { OpenAiCompatibleProvider } from '../providers/openai.provider.js';
import { ProviderError, type Provider, type ProviderRequest } from '../providers/provider.js';
import { createProviders } from '../providers/registry.js';
import { FakeAnthropic } from './fakes/fake-anthropic.js';
import { FakeOpenAi } from './fakes/fake-openai.js';

const KEY = 'sk-test-provider-key';
const request = (over: Partial<ProviderRequest> = {}): ProviderRequest => ({
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'Hello toll gate' }],
  maxTokens: 50,
  temperature: null,
  ...over,
});

/** The ProviderError a call fails with (and that it fails). */
async function failure(provider: Provider, req = request(), signal?: AbortSignal): Promise<ProviderError> {
  const err = await provider.complete(req, signal).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ProviderError);
  return err as ProviderError;
}

let openai: FakeOpenAi;
let anthropic: FakeAnthropic;
beforeAll(async () => void ([openai, anthropic] = await Promise.all([FakeOpenAi.start(), FakeAnthropic.start()])));
afterEach(() => {
  openai.reset();
  anthropic.reset();
  vi.unstubAllEnvs();
});
afterAll(() => Promise.all([openai?.close(), anthropic?.close()]));

type Over = { timeoutMs?: number; maxRetries?: number; baseURL?: string };
const openAiProvider = (over: Over = {}) =>
  new OpenAiCompatibleProvider({ name: 'openai', apiKey: KEY, baseURL: openai.baseURL, timeoutMs: 5_000, maxRetries: 1, ...over });
const anthropicProvider = (over: Over = {}) => new AnthropicProvider({ apiKey: KEY, baseURL: anthropic.baseURL, timeoutMs: 5_000, maxRetries: 1, ...over });

describe('OpenAiCompatibleProvider (real openai SDK against the fake)', () => {
  it('returns the content and the usage, cached tokens included, and sends the key and the request', async () => {
    openai.set({ usage: { prompt_tokens: 120, completion_tokens: 7, cached_tokens: 100 } });
    const res = await openAiProvider().complete(request({ temperature: 0.3 }));
    expect(res).toEqual({ content: 'Hello toll gate', usage: { inputTokens: 120, outputTokens: 7, cachedInputTokens: 100 } });
    expect(openai.requests).toHaveLength(1);
    const [sent] = openai.requests;
    expect([sent!.path, sent!.headers.authorization]).toEqual(['/v1/chat/completions', `Bearer ${KEY}`]);
    expect(sent!.body).toMatchObject({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello toll gate' }], max_tokens: 50, temperature: 0.3 });
  });

  it('leaves temperature out when the request has none, and returns a scripted reply', async () => {
    openai.set({ reply: 'scripted answer' });
    const res = await openAiProvider().complete(request());
    expect(res.content).toBe('scripted answer');
    expect(res.usage.cachedInputTokens).toBe(0);
    expect(openai.requests[0]!.body).not.toHaveProperty('temperature');
  });

  it('maps a 500 to a transient ProviderError after the SDK retried, without the upstream body', async () => {
    openai.failNext(5, 500, 'upstream broke; key sk-secret');
    const err = await failure(openAiProvider({ maxRetries: 1 }));
    expect(err).toMatchObject({ provider: 'openai', transient: true, message: 'openai answered HTTP 500' });
    expect(err.message).not.toContain('sk-secret');
    expect(openai.requests).toHaveLength(2);
    openai.failNext(1, 503); // a retry that succeeds is a success
    expect((await openAiProvider({ maxRetries: 1 }).complete(request())).content).toBe('Hello toll gate');
  });

  it('maps 429 to transient, 400/401/403/404 to non-transient (not retried)', async () => {
    openai.failNext(1, 429);
    expect((await failure(openAiProvider({ maxRetries: 0 }))).transient).toBe(true);
    for (const status of [400, 401, 403, 404]) {
      openai.reset();
      openai.failNext(1, status);
      const err = await failure(openAiProvider({ maxRetries: 2 }));
      expect(err).toMatchObject({ transient: false, message: `openai answered HTTP ${status}` });
      expect(openai.requests).toHaveLength(1);
    }
  });

  it('a key the provider rejects is a non-transient failure', async () => {
    openai.set({ apiKey: 'sk-the-right-one' });
    expect(await failure(openAiProvider())).toMatchObject({ transient: false, message: 'openai answered HTTP 401' });
  });

  it('times out into a transient ProviderError', async () => {
    openai.set({ delayMs: 2_000 });
    const started = Date.now();
    const err = await failure(openAiProvider({ timeoutMs: 150, maxRetries: 0 }));
    expect(err).toMatchObject({ transient: true, message: 'openai timed out' });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('an unreachable endpoint is transient', async () => {
    const gone = await FakeOpenAi.start();
    const url = gone.baseURL;
    await gone.close();
    expect(await failure(openAiProvider({ baseURL: url, maxRetries: 0 }))).toMatchObject({ transient: true, message: 'openai could not be reached' });
  });

  it('the abort signal cancels the call (not transient: nobody waits for a fallback)', async () => {
    openai.set({ delayMs: 5_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const err = await failure(openAiProvider(), request(), controller.signal);
    expect(err).toMatchObject({ transient: false, message: 'openai request was aborted' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('without a key it is unavailable and calls nothing', async () => {
    for (const apiKey of [undefined, '', '   ']) {
      const provider = new OpenAiCompatibleProvider({ name: 'google', apiKey, baseURL: openai.baseURL });
      expect(provider.available).toBe(false);
      expect((await failure(provider)).transient).toBe(false);
    }
    expect(openai.requests).toHaveLength(0);
  });

  it("ignores the SDK's own OPENAI_* variables: only the options given count", async () => {
    vi.stubEnv('OPENAI_ADMIN_KEY', 'sk-admin-should-not-leak');
    vi.stubEnv('OPENAI_ORG_ID', 'org-should-not-leak');
    vi.stubEnv('OPENAI_BASE_URL', 'http://127.0.0.1:9/v1');
    await new OpenAiCompatibleProvider({ name: 'google', apiKey: KEY, baseURL: openai.baseURL }).complete(request());
    expect(openai.requests[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(openai.requests[0]!.headers).not.toHaveProperty('openai-organization');
  });
});

describe('AnthropicProvider (real @anthropic-ai/sdk against the fake)', () => {
  const turns: ProviderRequest['messages'] = [
    { role: 'user', content: 'First question' },
    { role: 'assistant', content: 'First answer' },
    { role: 'user', content: 'Second question' },
  ];
  const conversation: ProviderRequest['messages'] = [
    { role: 'system', content: 'Be brief.' },
    ...turns.slice(0, 2),
    { role: 'system', content: 'Answer in English.' },
    turns[2]!,
  ];

  it('joins system messages into `system`, sends the rest, and maps the usage', async () => {
    anthropic.set({ usage: { input_tokens: 20, output_tokens: 7, cache_read_input_tokens: 100, cache_creation_input_tokens: 5 } });
    const res = await anthropicProvider().complete(request({ model: 'claude-3-5-haiku-latest', messages: conversation, temperature: 0.5 }));
    // Anthropic's input_tokens excludes the cache: every prompt token is counted, the reads among them cached.
    expect(res).toEqual({ content: 'Second question', usage: { inputTokens: 125, outputTokens: 7, cachedInputTokens: 100 } });
    const [sent] = anthropic.requests;
    expect(sent!.path).toBe('/v1/messages');
    expect(sent!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(sent!.headers['anthropic-version']).toBeTruthy();
    expect(sent!.body).toEqual(
      expect.objectContaining({ model: 'claude-3-5-haiku-latest', max_tokens: 50, system: 'Be brief.\n\nAnswer in English.', messages: turns }),
    );
    expect(sent!.body).not.toHaveProperty('temperature');
  });

  it('sends no `system` when there is none, and accepts a base URL given with /v1', async () => {
    await anthropicProvider({ baseURL: `${anthropic.baseURL}/v1` }).complete(request());
    expect(anthropic.requests[0]!.path).toBe('/v1/messages');
    expect(anthropic.requests[0]!.body).not.toHaveProperty('system');
  });

  it('maps 529 (overloaded) and 500 to transient, 400 to non-transient', async () => {
    anthropic.failNext(2, 529);
    expect(await failure(anthropicProvider({ maxRetries: 1 }))).toMatchObject({
      provider: 'anthropic',
      transient: true,
      message: 'anthropic answered HTTP 529',
    });
    expect(anthropic.requests).toHaveLength(2);
    anthropic.failNext(1, 500);
    expect((await failure(anthropicProvider({ maxRetries: 0 }))).transient).toBe(true);
    anthropic.failNext(1, 400);
    expect(await failure(anthropicProvider({ maxRetries: 2 }))).toMatchObject({ transient: false, message: 'anthropic answered HTTP 400' });
  });

  it('times out transiently, and the abort signal cancels', async () => {
    anthropic.set({ delayMs: 5_000 });
    expect(await failure(anthropicProvider({ timeoutMs: 150, maxRetries: 0 }))).toMatchObject({ transient: true, message: 'anthropic timed out' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    expect(await failure(anthropicProvider(), request(), controller.signal)).toMatchObject({ transient: false, message: 'anthropic request was aborted' });
  });

  it('without a key it is unavailable', async () => {
    const provider = new AnthropicProvider({ apiKey: '', baseURL: anthropic.baseURL });
    expect(provider.available).toBe(false);
    expect((await failure(provider)).transient).toBe(false);
    expect(anthropic.requests).toHaveLength(0);
  });
});

describe('createProviders', () => {
  it('has every catalog provider; those without a key are unavailable', async () => {
    const providers = createProviders({ GOOGLE_API_KEY: 'g-key', GOOGLE_BASE_URL: openai.baseURL, OPENROUTER_API_KEY: '' });
    expect(Object.keys(providers).sort()).toEqual(['anthropic', 'google', 'openai', 'openrouter', 'sandbox']);
    const available = Object.fromEntries(Object.entries(providers).map(([k, p]) => [k, p.available]));
    expect(available).toEqual({ sandbox: true, openai: false, anthropic: false, google: true, openrouter: false });
    expect(providers.google!.name).toBe('google');
    expect((await providers.google!.complete(request({ model: 'gemini-2.0-flash' }))).content).toBe('Hello toll gate');
    expect(openai.requests[0]!.headers.authorization).toBe('Bearer g-key');
  });

  it('points each provider at its base URL, with the timeout given', async () => {
    const providers = createProviders(
      {
        OPENAI_API_KEY: 'o',
        OPENAI_BASE_URL: openai.baseURL,
        OPENROUTER_API_KEY: 'r',
        OPENROUTER_BASE_URL: openai.baseURL,
        ANTHROPIC_API_KEY: 'a',
        ANTHROPIC_BASE_URL: anthropic.baseURL,
      },
      { timeoutMs: 150, maxRetries: 0 },
    );
    await providers.openai!.complete(request());
    await providers.openrouter!.complete(request());
    await providers.anthropic!.complete(request());
    expect(openai.requests.map((r) => r.headers.authorization)).toEqual(['Bearer o', 'Bearer r']);
    expect(anthropic.requests[0]!.headers.authorization).toBe('Bearer a');
    anthropic.set({ delayMs: 2_000 });
    expect((await failure(providers.anthropic!)).message).toBe('anthropic timed out');
  });
});

describe('the fakes speak the streaming wire formats', () => {
  it('OpenAI: chat.completion.chunk events, a usage chunk with include_usage, then [DONE]', async () => {
    openai.set({ usage: { prompt_tokens: 11, completion_tokens: 4, cached_tokens: 2 } });
    const client = new OpenAI({ apiKey: KEY, baseURL: openai.baseURL, maxRetries: 0 });
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'one two three four' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe('one two three four');
    expect(chunks.at(-2)!.choices[0]!.finish_reason).toBe('stop');
    expect(chunks.at(-1)!.choices).toEqual([]);
    expect(chunks.at(-1)!.usage).toMatchObject({ prompt_tokens: 11, completion_tokens: 4, prompt_tokens_details: { cached_tokens: 2 } });
  });

  it('OpenAI: max_tokens cuts the reply (finish_reason length)', async () => {
    const client = new OpenAI({ apiKey: KEY, baseURL: openai.baseURL, maxRetries: 0 });
    const res = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x'.repeat(100) }], max_tokens: 5 });
    expect(res.choices[0]!.message).toMatchObject({ content: 'x'.repeat(20) });
    expect(res.choices[0]!.finish_reason).toBe('length');
    expect(res.usage!.completion_tokens).toBe(5);
  });

  it('Anthropic: message_start … message_stop, which the SDK assembles into a message', async () => {
    const client = new Anthropic({ apiKey: KEY, baseURL: anthropic.baseURL, maxRetries: 0 });
    const stream = client.messages.stream({ model: 'claude-3-5-haiku-latest', max_tokens: 100, messages: [{ role: 'user', content: 'stream me please' }] });
    const deltas: string[] = [];
    stream.on('text', (t) => deltas.push(t));
    const message = await stream.finalMessage();
    expect(deltas.join('')).toBe('stream me please');
    expect(deltas.length).toBeGreaterThan(1);
    expect(message.content).toEqual([expect.objectContaining({ type: 'text', text: 'stream me please' })]);
    expect([message.stop_reason, message.usage.output_tokens]).toEqual(['end_turn', 4]);
  });

  it('Anthropic: accepts x-api-key and any anthropic-version', async () => {
    const res = await fetch(`${anthropic.baseURL}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'claude', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ type: 'message', content: [{ type: 'text', text: 'hi' }] });
  });
});
