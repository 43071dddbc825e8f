/**
 * /v1/chat/completions through the Vercel AI SDK (`ai` + `@ai-sdk/openai`, the chat API), as an
 * integrator wires it: `createOpenAI({ baseURL, apiKey })`, then generateText / streamText. Usage
 * equals what the ledger charged, finish reasons map, refusals are APICallErrors with our status.
 * Upstream: sandbox/echo and the OpenAI wire fake.
 */
import { createOpenAI } from '@ai-sdk/openai';
import { APICallError, generateText, streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import { integrator, leaveOnly, onlyCharge, priceOf, scripted, type ClientsEnv, useClientsApp } from './clients-support.js';

let env: ClientsEnv;
useClientsApp('vercel-ai', (e) => (env = e));

/** The integrator's provider: Tollgate as an OpenAI-compatible base URL; `.chat(model)` speaks /chat/completions. */
const tollgate = (apiKey: string) => createOpenAI({ baseURL: `${env.t.url}/v1`, apiKey });
const tokens = (u: { inputTokens?: number; outputTokens?: number }) => ({ inputTokens: u.inputTokens!, outputTokens: u.outputTokens! });

/** The error a refused call raises (generateText throws it; streamText emits it as an error part). */
async function refusal(run: () => Promise<unknown>): Promise<APICallError> {
  const err = await run().then(
    () => null,
    (e: unknown) => e,
  );
  if (!APICallError.isInstance(err)) throw new Error(`expected an APICallError, got ${String(err)}`);
  return err;
}

async function streamRefusal(stream: ReturnType<typeof streamText>): Promise<APICallError> {
  let seen: unknown = null;
  for await (const part of stream.fullStream) if (part.type === 'error') seen = part.error;
  if (!APICallError.isInstance(seen)) throw new Error(`expected an APICallError part, got ${String(seen)}`);
  return seen;
}

describe('generateText', () => {
  it("sandbox/echo: text, finish reason, and usage equal to the ledger's charge under the completion id", async () => {
    const u = await integrator(env, 'ai-gen');
    const result = await generateText({ model: tollgate(u.key).chat('sandbox/echo'), prompt: 'Hello from the AI SDK', maxRetries: 0 });
    expect([result.text, result.finishReason]).toEqual(['Hello from the AI SDK', 'stop']);
    const ledger = await onlyCharge(env, u);
    expect(ledger.charged).toBe(await priceOf(env, u, 'sandbox/echo', tokens(result.usage)));
    expect(result.response.id).toBe(`chatcmpl-${ledger.completionId}`);
    expect(result.response.modelId).toBe('sandbox/echo');
  });

  it('openai/gpt-4o-mini through the wire fake; "length" when maxOutputTokens cut the reply', async () => {
    const u = await integrator(env, 'ai-gen-fake');
    // Usage within the hold (our own count of the prompt + maxOutputTokens): the hold caps a charge, so a provider reporting more would be charged less.
    await scripted(env.openai, { reply: 'one two three four five six', usage: { prompt_tokens: 8, completion_tokens: 3 } }, async () => {
      const result = await generateText({
        model: tollgate(u.key).chat('openai/gpt-4o-mini'),
        prompt: 'count from one to six',
        maxOutputTokens: 3,
        maxRetries: 0,
      });
      expect(result.finishReason).toBe('length');
      expect(tokens(result.usage)).toEqual({ inputTokens: 8, outputTokens: 3 });
      expect((await onlyCharge(env, u)).charged).toBe(await priceOf(env, u, 'openai/gpt-4o-mini', { inputTokens: 8, outputTokens: 3 }));
    });
  });
  it('stopSequences end the text before the sequence, finish reason "stop"', async () => {
    const u = await integrator(env, 'ai-stop');
    const result = await generateText({ model: tollgate(u.key).chat('sandbox/echo'), prompt: 'alpha beta gamma', stopSequences: ['gamma'], maxRetries: 0 });
    expect([result.text, result.finishReason]).toEqual(['alpha beta ', 'stop']);
  });
});

describe('streamText', () => {
  it('streams the text; the usage it reports (from the usage chunk) is what the ledger charged', async () => {
    const u = await integrator(env, 'ai-stream');
    const result = streamText({
      model: tollgate(u.key).chat('sandbox/echo'),
      prompt: 'stream these words please',
      maxRetries: 0,
      headers: { 'cache-control': 'no-cache' },
    });
    let text = '';
    for await (const piece of result.textStream) text += piece;
    expect(text).toBe('stream these words please');
    expect(await result.finishReason).toBe('stop');
    const usage = await result.usage;
    expect(usage.totalTokens).toBe(usage.inputTokens! + usage.outputTokens!);
    expect((await onlyCharge(env, u)).charged).toBe(await priceOf(env, u, 'sandbox/echo', tokens(usage)));
    expect((await result.response).id).toMatch(/^chatcmpl-/);
  });

  it('from the wire fake, cut by maxOutputTokens: "length" and the provider usage', async () => {
    const u = await integrator(env, 'ai-stream-fake');
    await scripted(env.openai, { reply: 'alpha beta gamma delta', usage: { prompt_tokens: 7, completion_tokens: 2 } }, async () => {
      const result = streamText({ model: tollgate(u.key).chat('openai/gpt-4o-mini'), prompt: 'go', maxOutputTokens: 2, maxRetries: 0 });
      await result.consumeStream();
      expect(await result.finishReason).toBe('length');
      expect(tokens(await result.usage)).toEqual({ inputTokens: 7, outputTokens: 2 });
      expect((await onlyCharge(env, u)).charged).toBe(await priceOf(env, u, 'openai/gpt-4o-mini', { inputTokens: 7, outputTokens: 2 }));
    });
  });
});

describe('errors: APICallError with our status and message, nothing charged', () => {
  it('a bad key is a 401 "Invalid API key", whole or streamed', async () => {
    const bad = tollgate('sk-not-a-tollgate-key').chat('sandbox/echo');
    const err = await refusal(() => generateText({ model: bad, prompt: 'hi', maxRetries: 0 }));
    expect([err.statusCode, err.isRetryable]).toEqual([401, false]);
    expect(err.message).toContain('Invalid API key');
    const streamed = await streamRefusal(streamText({ model: bad, prompt: 'hi', maxRetries: 0, onError: () => undefined }));
    expect(streamed.statusCode).toBe(401);
  });

  it('402 when the credit cannot cover the call, 400 for bad input, 404 for an unknown model', async () => {
    const u = await integrator(env, 'ai-refused');
    const echo = tollgate(u.key).chat('sandbox/echo');
    const bad = await refusal(() => generateText({ model: echo, prompt: 'hi', temperature: 9, maxRetries: 0 }));
    expect(bad.statusCode).toBe(400);
    expect(bad.message).toContain('temperature');
    const unknown = await refusal(() => generateText({ model: tollgate(u.key).chat('no/such-model'), prompt: 'hi', maxRetries: 0 }));
    expect(unknown.statusCode).toBe(404);
    await leaveOnly(env, u, 1n);
    const poor = await refusal(() => generateText({ model: echo, prompt: 'hi', maxOutputTokens: 1_000, maxRetries: 0 }));
    expect(poor.statusCode).toBe(402);
    const streamedPoor = await streamRefusal(streamText({ model: echo, prompt: 'hi', maxOutputTokens: 1_000, maxRetries: 0, onError: () => undefined }));
    expect(streamedPoor.statusCode).toBe(402);
    expect((await env.t.gql('{ creditBalance { available held } }', {}, u.token)).data!.creditBalance).toEqual({ available: '0.000001', held: '0.000000' });
  });
});
