/**
 * POST /v1/messages through the official `@anthropic-ai/sdk`, unchanged but for its baseURL and a
 * Tollgate key: whole and streamed messages, usage that equals what the ledger charged, stop
 * reasons (end_turn, max_tokens, stop_sequence), idempotency, and refusals as the SDK's typed
 * errors. Upstream: sandbox/echo, and the OpenAI and Anthropic wire fakes.
 */
import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { parseCredits } from '@tollgate/shared';
import { integrator, leaveOnly, onlyCharge, priceOf, refusedWith, scripted, type ClientsEnv, useClientsApp } from './clients-support.js';

let env: ClientsEnv;
useClientsApp('ant-sdk', (e) => (env = e));

const sdk = (apiKey: string) => new Anthropic({ apiKey, baseURL: env.t.url, maxRetries: 0 });
const hi: Anthropic.MessageParam[] = [{ role: 'user', content: 'hi there' }];
const textOf = (m: Anthropic.Message) => m.content.map((b) => (b.type === 'text' ? b.text : '')).join('');

const refusal = (p: Promise<unknown>) => refusedWith(p, Anthropic.APIError);

describe('whole messages', () => {
  it("sandbox/echo with the key as x-api-key: Anthropic's message, its usage what the ledger charged", async () => {
    const u = await integrator(env, 'ant-whole');
    const { data, response } = await sdk(u.key)
      .messages.create({
        model: 'sandbox/echo',
        max_tokens: 64,
        system: 'be brief',
        messages: [{ role: 'user', content: [{ type: 'text', text: 'Tell me about toll gates.' }] }],
      })
      .withResponse();
    expect(data).toMatchObject({ type: 'message', role: 'assistant', model: 'sandbox/echo', stop_reason: 'end_turn', stop_sequence: null });
    expect(data.content).toEqual([{ type: 'text', text: 'Tell me about toll gates.' }]);
    const ledger = await onlyCharge(env, u);
    expect(data.id).toBe(`msg_${ledger.completionId}`);
    expect(ledger.charged).toBe(await priceOf(env, u, 'sandbox/echo', { inputTokens: data.usage.input_tokens, outputTokens: data.usage.output_tokens }));
    expect(ledger.charged).toBe(parseCredits(response.headers.get('x-tollgate-credits-charged')!));
  });

  it('the key as Authorization: Bearer (authToken) works too; a Claude model answers through the Anthropic fake', async () => {
    const u = await integrator(env, 'ant-claude', 'starter');
    await scripted(env.anthropic, { reply: 'Bonjour', usage: { input_tokens: 11, output_tokens: 2 } }, async () => {
      const client = new Anthropic({ authToken: u.key, apiKey: null, baseURL: env.t.url, maxRetries: 0 });
      const data = await client.messages.create({ model: 'anthropic/claude-3.5-haiku', max_tokens: 20, messages: hi });
      expect([textOf(data), data.model, data.usage.input_tokens, data.usage.output_tokens]).toEqual(['Bonjour', 'anthropic/claude-3.5-haiku', 11, 2]);
      expect((await onlyCharge(env, u)).charged).toBe(await priceOf(env, u, 'anthropic/claude-3.5-haiku', { inputTokens: 11, outputTokens: 2 }));
    });
  });

  it("an OpenAI model answers in Anthropic's format through the OpenAI fake", async () => {
    const u = await integrator(env, 'ant-gpt');
    await scripted(env.openai, { reply: 'from gpt', usage: { prompt_tokens: 8, completion_tokens: 2 } }, async () => {
      const data = await sdk(u.key).messages.create({ model: 'openai/gpt-4o-mini', max_tokens: 20, messages: hi });
      expect([textOf(data), data.usage.input_tokens, data.usage.output_tokens, data.stop_reason]).toEqual(['from gpt', 8, 2, 'end_turn']);
      // The system prompt reached the provider as its first message.
      await sdk(u.key).messages.create({ model: 'openai/gpt-4o-mini', max_tokens: 20, system: [{ type: 'text', text: 'rule one' }], messages: hi });
      expect(env.openai.requests.at(-1)!.body.messages[0]).toEqual({ role: 'system', content: 'rule one' });
    });
  });

  it('"auto" picks a model that can run, named in the answer', async () => {
    const u = await integrator(env, 'ant-auto');
    const data = await sdk(u.key).messages.create({ model: 'auto', max_tokens: 20, messages: hi });
    expect(data.model).not.toBe('auto');
    expect((await onlyCharge(env, u)).completionId).toBe(data.id.replace(/^msg_/, ''));
  });

  it('stop reasons: max_tokens when cut, stop_sequence with the sequence (not sent)', async () => {
    const u = await integrator(env, 'ant-stops');
    const long = 'one two three four five six seven eight';
    const cut = await sdk(u.key).messages.create({ model: 'sandbox/echo', max_tokens: 2, messages: [{ role: 'user', content: long }] });
    expect([cut.stop_reason, cut.usage.output_tokens]).toEqual(['max_tokens', 2]);
    const stopped = await sdk(u.key).messages.create({
      model: 'sandbox/echo',
      max_tokens: 100,
      stop_sequences: ['five', 'seven'],
      messages: [{ role: 'user', content: long }],
    });
    expect([textOf(stopped), stopped.stop_reason, stopped.stop_sequence]).toEqual(['one two three four ', 'stop_sequence', 'five']);
  });

  it('Idempotency-Key: a retry gets the first message back, charged once', async () => {
    const u = await integrator(env, 'ant-idem');
    const body = { model: 'sandbox/echo', max_tokens: 20, messages: hi };
    const headers = { 'Idempotency-Key': 'ant-retry-1' };
    const first = await sdk(u.key).messages.create(body, { headers });
    const second = await sdk(u.key).messages.create(body, { headers });
    expect(second.id).toBe(first.id);
    expect((await onlyCharge(env, u)).completionId).toBe(first.id.replace(/^msg_/, ''));
  });
});

describe('count_tokens', () => {
  it('counts the prompt as the call is held and charged on sandbox/echo, for auto too; nothing is charged', async () => {
    const u = await integrator(env, 'ant-count');
    const prompt = { system: 'be brief', messages: [{ role: 'user' as const, content: 'How many tokens is this?' }] };
    const counted = await sdk(u.key).messages.countTokens({ model: 'sandbox/echo', ...prompt });
    expect(counted.input_tokens).toBeGreaterThan(0);
    expect((await sdk(u.key).messages.countTokens({ model: 'auto', ...prompt })).input_tokens).toBeGreaterThan(0);
    expect((await env.t.gql('{ creditBalance { available } }', {}, u.token)).data!.creditBalance.available).toBe('10.000000');
    const sent = await sdk(u.key).messages.create({ model: 'sandbox/echo', max_tokens: 20, ...prompt });
    expect(sent.usage.input_tokens).toBe(counted.input_tokens);
    const missing = await refusal(sdk(u.key).messages.countTokens({ model: 'no/such-model', ...prompt }));
    expect([missing.status, (missing.error as any).error.type]).toEqual([404, 'not_found_error']);
    const anonymous = await refusal(sdk('sk-ant-not-ours').messages.countTokens({ model: 'sandbox/echo', ...prompt }));
    expect(anonymous).toBeInstanceOf(Anthropic.AuthenticationError);
  });
});

describe('streamed messages', () => {
  it("Anthropic's events in order; the final message's usage is what the ledger charged", async () => {
    const u = await integrator(env, 'ant-stream');
    const stream = await sdk(u.key).messages.create(
      { model: 'sandbox/echo', max_tokens: 64, stream: true, messages: [{ role: 'user', content: 'stream me please' }] },
      { headers: { 'cache-control': 'no-cache' } },
    );
    const events: Anthropic.RawMessageStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    const types = events.map((e) => e.type);
    expect(types[0]).toBe('message_start');
    expect(types.slice(1, 2)).toEqual(['content_block_start']);
    expect(types.slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
    expect(new Set(types.slice(2, -3))).toEqual(new Set(['content_block_delta']));
    const text = events.map((e) => (e.type === 'content_block_delta' && e.delta.type === 'text_delta' ? e.delta.text : '')).join('');
    expect(text).toBe('stream me please');
    const start = events[0] as Anthropic.RawMessageStartEvent;
    expect(start.message.id).toMatch(/^msg_/);
    const delta = events.at(-2) as Anthropic.RawMessageDeltaEvent;
    expect(delta.delta.stop_reason).toBe('end_turn');
    const usage = { inputTokens: delta.usage.input_tokens!, outputTokens: delta.usage.output_tokens };
    expect(usage.inputTokens).toBeGreaterThan(0);
    expect((await onlyCharge(env, u)).charged).toBe(await priceOf(env, u, 'sandbox/echo', usage));
  });

  it("the SDK's stream helper assembles the message, with usage, from the OpenAI fake upstream", async () => {
    const u = await integrator(env, 'ant-helper');
    await scripted(env.openai, { reply: 'streamed through gpt words', usage: { prompt_tokens: 10, completion_tokens: 5 } }, async () => {
      const final = await sdk(u.key).messages.stream({ model: 'openai/gpt-4o-mini', max_tokens: 30, messages: hi }).finalMessage();
      expect([textOf(final), final.stop_reason, final.usage.input_tokens, final.usage.output_tokens]).toEqual([
        'streamed through gpt words',
        'end_turn',
        10,
        5,
      ]);
      expect((await onlyCharge(env, u)).charged).toBe(await priceOf(env, u, 'openai/gpt-4o-mini', { inputTokens: 10, outputTokens: 5 }));
    });
  });

  it('stop_sequences end a stream at the sequence, split across pieces or not; max_tokens says so', async () => {
    const u = await integrator(env, 'ant-stream-stop');
    await scripted(env.openai, { reply: 'alpha beta gamma delta epsilon', usage: { prompt_tokens: 6, completion_tokens: 5 } }, async () => {
      const stopped = await sdk(u.key)
        .messages.stream({ model: 'openai/gpt-4o-mini', max_tokens: 30, stop_sequences: ['a gam'], messages: hi })
        .finalMessage();
      expect([textOf(stopped), stopped.stop_reason, stopped.stop_sequence]).toEqual(['alpha bet', 'stop_sequence', 'a gam']);
    });
    const cut = await sdk(u.key)
      .messages.stream({ model: 'sandbox/echo', max_tokens: 2, messages: [{ role: 'user', content: 'one two three four' }] })
      .finalMessage();
    expect(cut.stop_reason).toBe('max_tokens');
  });
});

describe('a provider failing mid-answer', () => {
  it('ends the stream with an error event the SDK throws; nothing is charged', async () => {
    const u = await integrator(env, 'ant-broken');
    env.openai.breakAfter = 3;
    try {
      const err = await sdk(u.key)
        .messages.stream({ model: 'openai/gpt-4o-mini', max_tokens: 30, messages: [{ role: 'user', content: 'one two three four five' }] })
        .finalMessage()
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(err).toBeInstanceOf(Anthropic.APIError);
      expect((err as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({ type: 'error', error: { type: 'overloaded_error' } });
    } finally {
      env.openai.reset();
    }
    expect((await env.t.gql('{ creditBalance { available held } }', {}, u.token)).data!.creditBalance).toEqual({ available: '10.000000', held: '0.000000' });
  });
});

describe('on the wire', () => {
  const post = (key: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${env.t.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key, 'anthropic-version': '2023-06-01', ...headers },
      body,
    });

  it("a stream is `event:` + `data:` pairs, the data's type its event name, a ping after the block starts", async () => {
    const u = await integrator(env, 'ant-wire');
    const res = await post(u.key, JSON.stringify({ model: 'sandbox/echo', max_tokens: 20, stream: true, messages: [{ role: 'user', content: 'raw bytes' }] }));
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'text/event-stream; charset=utf-8']);
    const frames = (await res.text())
      .trim()
      .split('\n\n')
      .map((frame) => /^event: (\w+)\ndata: (.*)$/.exec(frame));
    expect(frames.every(Boolean)).toBe(true);
    const events = frames.map((m) => ({ name: m![1]!, data: JSON.parse(m![2]!) }));
    expect(events.every((e) => e.data.type === e.name)).toBe(true);
    // One content_block_delta a piece: runs of them count once here.
    expect(events.map((e) => e.name).filter((name, i, all) => name !== all[i - 1])).toEqual([
      'message_start',
      'content_block_start',
      'ping',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(events[0]!.data.message).toMatchObject({ type: 'message', role: 'assistant', content: [], stop_reason: null, model: 'sandbox/echo' });
  });

  it("refuses unstorable text and unknown paths in Anthropic's shape; anthropic-version is not checked", async () => {
    const u = await integrator(env, 'ant-wire-bad');
    const nul = await post(u.key, JSON.stringify({ model: 'sandbox/echo', max_tokens: 5, messages: [{ role: 'user', content: 'a\u0000b' }] }), {
      'anthropic-version': 'whatever',
    });
    expect([nul.status, ((await nul.json()) as any).error.type]).toEqual([400, 'invalid_request_error']);
    const unknown = await fetch(`${env.t.url}/v1/messages/batches`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': u.key },
      body: '{}',
    });
    expect([unknown.status, ((await unknown.json()) as any).error.type]).toEqual([404, 'not_found_error']);
    expect((await env.t.gql('{ creditBalance { available } }', {}, u.token)).data!.creditBalance.available).toBe('10.000000');
  });
});

describe("errors, as the SDK's typed errors, charging nothing", () => {
  it('a bad or unknown key: AuthenticationError, authentication_error', async () => {
    for (const key of ['sk-ant-not-ours', `tg_0000beef_${'B'.repeat(43)}`]) {
      const err = await refusal(sdk(key).messages.create({ model: 'sandbox/echo', max_tokens: 5, messages: hi }));
      expect(err).toBeInstanceOf(Anthropic.AuthenticationError);
      expect(err.error).toMatchObject({ type: 'error', error: { type: 'authentication_error', message: expect.stringContaining('Invalid API key') } });
    }
    const none = await fetch(`${env.t.url}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect([none.status, ((await none.json()) as any).error.type]).toEqual([401, 'authentication_error']);
  });

  it('400 invalid_request_error, 402 billing_error, 404 not_found_error, 529 overloaded_error; the balance untouched', async () => {
    const u = await integrator(env, 'ant-refused');
    const client = sdk(u.key);
    const noMax = await refusal(client.messages.create({ model: 'sandbox/echo', messages: hi } as Anthropic.MessageCreateParamsNonStreaming));
    expect(noMax).toBeInstanceOf(Anthropic.BadRequestError);
    expect(noMax.error).toMatchObject({ error: { type: 'invalid_request_error', message: expect.stringContaining('max_tokens') } });
    const system = await refusal(client.messages.create({ model: 'sandbox/echo', max_tokens: 5, messages: [{ role: 'system' as 'user', content: 'x' }] }));
    expect(system.status).toBe(400);
    const missing = await refusal(client.messages.create({ model: 'no/such-model', max_tokens: 5, messages: hi }));
    expect([missing.status, (missing.error as any).error.type]).toEqual([404, 'not_found_error']);
    env.openai.failNext(10, 500);
    try {
      const down = await refusal(client.messages.create({ model: 'openai/gpt-4o-mini', max_tokens: 5, messages: hi }));
      expect([down.status, (down.error as any).error.type]).toEqual([529, 'overloaded_error']);
    } finally {
      env.openai.reset();
    }
    await leaveOnly(env, u, 1n);
    const poor = await refusal(client.messages.create({ model: 'sandbox/echo', max_tokens: 1_000, messages: hi }));
    expect([poor.status, (poor.error as any).error.type]).toEqual([402, 'billing_error']);
    const streamPoor = await refusal(client.messages.create({ model: 'sandbox/echo', max_tokens: 1_000, messages: hi, stream: true }));
    expect(streamPoor.status).toBe(402);
    expect((await env.t.gql('{ creditBalance { available held } }', {}, u.token)).data!.creditBalance).toEqual({ available: '0.000001', held: '0.000000' });
    const bad = await fetch(`${env.t.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': u.key },
      body: '{"model":',
    });
    expect([bad.status, await bad.json()]).toEqual([400, { type: 'error', error: { type: 'invalid_request_error', message: expect.any(String) } }]);
  });

  it('403 permission_error for a model outside the tier; 429 rate_limit_error with Retry-After past the requests per minute', async () => {
    const u = await integrator(env, 'ant-limits');
    const client = sdk(u.key);
    const outside = await refusal(client.messages.create({ model: 'anthropic/claude-3-opus', max_tokens: 5, messages: hi }));
    expect(outside).toBeInstanceOf(Anthropic.PermissionDeniedError);
    expect((outside.error as any).error.type).toBe('permission_error');
    for (let i = 0; i < 20; i++) await client.messages.create({ model: 'sandbox/echo', max_tokens: 5, messages: hi });
    const limited = await refusal(client.messages.create({ model: 'sandbox/echo', max_tokens: 5, messages: hi }));
    expect(limited).toBeInstanceOf(Anthropic.RateLimitError);
    expect((limited.error as any).error.type).toBe('rate_limit_error');
    expect(Number(limited.headers!.get('retry-after'))).toBeGreaterThan(0);
  });
});
