/**
 * /v1/chat/completions through the official `openai` SDK, as an integrator uses it: whole and
 * streamed answers, usage that equals what the ledger charged, the ids of a stream, finish
 * reasons, and refusals as the SDK's typed errors. Upstream: sandbox/echo and the OpenAI wire fake.
 */
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { parseCredits } from '@tollgate/shared';
import { integrator, leaveOnly, onlyCharge, priceOf, refusedWith, scripted, type ClientsEnv, useClientsApp, type Integrator } from './clients-support.js';

let env: ClientsEnv;
useClientsApp('oai-sdk', (e) => (env = e));

const sdk = (apiKey: string) => new OpenAI({ apiKey, baseURL: `${env.t.url}/v1`, maxRetries: 0 });
const hi = [{ role: 'user' as const, content: 'hi there' }];

/** The SDK error a refused request throws (and a failure if it was not refused). */
const refusal = (p: Promise<unknown>) => refusedWith(p, OpenAI.APIError);

/** Every chunk of a stream, read through the SDK. */
async function chunks(u: Integrator, body: Omit<OpenAI.ChatCompletionCreateParamsStreaming, 'stream'>): Promise<OpenAI.ChatCompletionChunk[]> {
  const stream = await sdk(u.key).chat.completions.create({ ...body, stream: true }, { headers: { 'cache-control': 'no-cache' } });
  const all: OpenAI.ChatCompletionChunk[] = [];
  for await (const chunk of stream) all.push(chunk);
  return all;
}

describe('whole answers', () => {
  it('sandbox/echo: the usage the SDK reports is what the ledger charged, under the completion id', async () => {
    const u = await integrator(env, 'oai-whole');
    const { data, response } = await sdk(u.key).chat.completions.create({ model: 'sandbox/echo', messages: hi, max_tokens: 50 }).withResponse();
    expect(data.choices[0]).toMatchObject({ message: { role: 'assistant', content: 'hi there' }, finish_reason: 'stop' });
    const usage = { inputTokens: data.usage!.prompt_tokens, outputTokens: data.usage!.completion_tokens };
    const ledger = await onlyCharge(env, u);
    expect(ledger.charged).toBe(await priceOf(env, u, 'sandbox/echo', usage));
    expect(ledger.charged).toBe(parseCredits(response.headers.get('x-tollgate-credits-charged')!));
    expect(data.id).toBe(`chatcmpl-${ledger.completionId}`);
  });

  it('openai/gpt-4o-mini through the wire fake: the provider-reported usage is passed on and charged', async () => {
    const u = await integrator(env, 'oai-fake');
    await scripted(env.openai, { reply: 'Hello from upstream', usage: { prompt_tokens: 17, completion_tokens: 5 } }, async () => {
      const data = await sdk(u.key).chat.completions.create({ model: 'openai/gpt-4o-mini', messages: hi, max_tokens: 20 });
      expect(data).toMatchObject({ model: 'openai/gpt-4o-mini', choices: [{ message: { content: 'Hello from upstream' }, finish_reason: 'stop' }] });
      expect(data.usage).toEqual({ prompt_tokens: 17, completion_tokens: 5, total_tokens: 22 });
      expect((await onlyCharge(env, u)).charged).toBe(await priceOf(env, u, 'openai/gpt-4o-mini', { inputTokens: 17, outputTokens: 5 }));
    });
  });
});

describe('streams', () => {
  it("every chunk carries the same id, created and model; the usage chunk is OpenAI's and equals the charge", async () => {
    const u = await integrator(env, 'oai-stream');
    const all = await chunks(u, {
      model: 'sandbox/echo',
      messages: [{ role: 'user', content: 'one two three four' }],
      stream_options: { include_usage: true },
    });
    expect(new Set(all.map((c) => c.id)).size).toBe(1);
    expect(new Set(all.map((c) => c.created)).size).toBe(1);
    expect(new Set(all.map((c) => c.model))).toEqual(new Set(['sandbox/echo']));
    expect(all[0]!.id).toMatch(/^chatcmpl-/);
    expect(all[0]!.choices[0]!.delta.role).toBe('assistant');
    expect(all.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe('one two three four');
    // The finish chunk, then the usage chunk: no choices, the usage; every other chunk says usage: null.
    const [finish, last] = all.slice(-2);
    expect(finish!.choices[0]!.finish_reason).toBe('stop');
    expect(last!.choices).toEqual([]);
    expect(all.slice(0, -1).every((c) => c.usage === null)).toBe(true);
    const usage = { inputTokens: last!.usage!.prompt_tokens, outputTokens: last!.usage!.completion_tokens };
    expect(last!.usage!.total_tokens).toBe(usage.inputTokens + usage.outputTokens);
    const ledger = await onlyCharge(env, u);
    expect(ledger.charged).toBe(await priceOf(env, u, 'sandbox/echo', usage));
    const extra = (last as unknown as { x_tollgate: { completion_id: string; credits_charged: string } }).x_tollgate;
    expect(extra.completion_id).toBe(ledger.completionId);
    expect(parseCredits(extra.credits_charged)).toBe(ledger.charged);
    expect(ledger.balance.held).toBe('0.000000');
  });

  it('streams from the wire fake with the provider usage; the SDK helper assembles the same answer', async () => {
    const u = await integrator(env, 'oai-stream-fake');
    await scripted(env.openai, { reply: 'streamed from upstream words', usage: { prompt_tokens: 9, completion_tokens: 6 } }, async () => {
      const runner = sdk(u.key).chat.completions.stream({ model: 'openai/gpt-4o-mini', messages: hi, max_tokens: 30, stream_options: { include_usage: true } });
      const final = await runner.finalChatCompletion();
      expect(final.choices[0]).toMatchObject({ message: { content: 'streamed from upstream words' }, finish_reason: 'stop' });
      expect(final.usage).toMatchObject({ prompt_tokens: 9, completion_tokens: 6, total_tokens: 15 });
      expect((await onlyCharge(env, u)).charged).toBe(await priceOf(env, u, 'openai/gpt-4o-mini', { inputTokens: 9, outputTokens: 6 }));
    });
  });

  it('without include_usage there is no usage chunk and no usage field', async () => {
    const u = await integrator(env, 'oai-stream-plain');
    const all = await chunks(u, { model: 'sandbox/echo', messages: hi });
    expect(all.at(-1)!.choices[0]!.finish_reason).toBe('stop');
    expect(all.every((c) => !('usage' in c))).toBe(true);
  });
});

describe('a provider failing mid-answer', () => {
  it('ends the stream with an error event the SDK throws; nothing is charged', async () => {
    const u = await integrator(env, 'oai-broken');
    env.openai.breakAfter = 3;
    try {
      const stream = await sdk(u.key).chat.completions.create({
        model: 'openai/gpt-4o-mini',
        messages: [{ role: 'user', content: 'one two three four five' }],
        max_tokens: 30,
        stream: true,
      });
      let text = '';
      const err = await (async () => {
        for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
      })().then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(OpenAI.APIError);
      expect(text.length).toBeGreaterThan(0);
    } finally {
      env.openai.reset();
    }
    expect((await env.t.gql('{ creditBalance { available held } }', {}, u.token)).data!.creditBalance).toEqual({ available: '10.000000', held: '0.000000' });
  });
});

describe('finish reasons', () => {
  const long = 'one two three four five six seven eight nine ten';

  it('"length" when max_tokens cut the reply, whole and streamed, on sandbox and upstream', async () => {
    const u = await integrator(env, 'oai-length');
    const whole = await sdk(u.key).chat.completions.create({ model: 'sandbox/echo', messages: [{ role: 'user', content: long }], max_tokens: 3 });
    expect([whole.choices[0]!.finish_reason, whole.usage!.completion_tokens]).toEqual(['length', 3]);
    const streamed = await chunks(u, { model: 'sandbox/echo', messages: [{ role: 'user', content: long }], max_completion_tokens: 2 });
    expect(streamed.at(-1)!.choices[0]!.finish_reason).toBe('length');
    await scripted(env.openai, { reply: long, usage: { completion_tokens: 4 } }, async () => {
      const upstream = await sdk(u.key).chat.completions.create({ model: 'openai/gpt-4o-mini', messages: hi, max_tokens: 4 });
      expect(upstream.choices[0]!.finish_reason).toBe('length');
    });
  });

  it('"stop" at a `stop` sequence, which is not sent, whole and streamed; bad `stop` is a 400 naming it', async () => {
    const u = await integrator(env, 'oai-stop');
    const messages = [{ role: 'user' as const, content: long }];
    const whole = await sdk(u.key).chat.completions.create({ model: 'sandbox/echo', messages, stop: ['four', 'six'] });
    expect([whole.choices[0]!.message.content, whole.choices[0]!.finish_reason]).toEqual(['one two three ', 'stop']);
    const streamed = await chunks(u, { model: 'sandbox/echo', messages, stop: 'five', stream_options: { include_usage: true } });
    expect(streamed.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe('one two three four ');
    expect(streamed.at(-2)!.choices[0]!.finish_reason).toBe('stop');
    expect(streamed.at(-1)!.usage!.completion_tokens).toBeGreaterThan(0);
    const bad = await refusal(sdk(u.key).chat.completions.create({ model: 'sandbox/echo', messages, stop: ['a', 'b', 'c', 'd', 'e'] }));
    expect([bad.status, bad.param]).toEqual([400, 'stop']);
  });

  it('"length" without max_tokens when the reply reached the tier\'s cap (2,048 on free)', async () => {
    const u = await integrator(env, 'oai-cap');
    const data = await sdk(u.key).chat.completions.create({ model: 'sandbox/echo', messages: [{ role: 'user', content: 'word '.repeat(3_000) }] });
    expect([data.choices[0]!.finish_reason, data.usage!.completion_tokens]).toEqual(['length', 2_048]);
  });
});

describe("errors, as the SDK's typed errors, charging nothing", () => {
  it('a bad, unknown or revoked key is an AuthenticationError saying "Invalid API key"', async () => {
    const u = await integrator(env, 'oai-keys');
    const unknown = `tg_0000beef_${'A'.repeat(43)}`;
    for (const key of ['sk-not-a-tollgate-key', unknown]) {
      const err = await refusal(sdk(key).chat.completions.create({ model: 'sandbox/echo', messages: hi }));
      expect(err).toBeInstanceOf(OpenAI.AuthenticationError);
      expect({ status: err.status, code: err.code, type: err.type }).toEqual({ status: 401, code: 'invalid_api_key', type: 'invalid_request_error' });
      expect(err.message).toContain('Invalid API key');
      expect(err.message).not.toContain(key);
    }
    await env.t.gql(`mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: u.keyId }, u.token);
    const revoked = await refusal(sdk(u.key).chat.completions.create({ model: 'sandbox/echo', messages: hi, stream: true }));
    expect([revoked.status, revoked.message]).toEqual([401, expect.stringContaining('Invalid API key')]);
  });

  it('402 insufficient_quota, 400 with the param, 404 model_not_found, 503 provider_unavailable; the balance untouched', async () => {
    const u = await integrator(env, 'oai-refused');
    await leaveOnly(env, u, 1n);
    const poor = await refusal(sdk(u.key).chat.completions.create({ model: 'sandbox/echo', messages: hi, max_tokens: 1_000 }));
    expect({ status: poor.status, code: poor.code, type: poor.type }).toEqual({ status: 402, code: 'insufficient_quota', type: 'insufficient_quota' });
    const streamPoor = await refusal(sdk(u.key).chat.completions.create({ model: 'sandbox/echo', messages: hi, max_tokens: 1_000, stream: true }));
    expect(streamPoor.status).toBe(402);
    await leaveOnly(env, u, 10_000_000n);
    const bad = await refusal(sdk(u.key).chat.completions.create({ model: 'sandbox/echo', messages: hi, temperature: 7 }));
    expect(bad).toBeInstanceOf(OpenAI.BadRequestError);
    expect({ code: bad.code, param: bad.param, type: bad.type }).toEqual({ code: 'invalid_value', param: 'temperature', type: 'invalid_request_error' });
    const missing = await refusal(sdk(u.key).chat.completions.create({ model: 'no/such-model', messages: hi }));
    expect(missing).toBeInstanceOf(OpenAI.NotFoundError);
    expect(missing.code).toBe('model_not_found');
    env.openai.failNext(10, 500);
    try {
      const down = await refusal(sdk(u.key).chat.completions.create({ model: 'openai/gpt-4o-mini', messages: hi, max_tokens: 5 }));
      expect([down.status, down.code, down.type]).toEqual([503, 'provider_unavailable', 'server_error']);
    } finally {
      env.openai.reset();
    }
    const { balance } = (await env.t.gql('{ creditBalance { balance held } }', {}, u.token)).data!.creditBalance as { balance: string };
    expect(balance).toBe('10.000000');
  });
});
