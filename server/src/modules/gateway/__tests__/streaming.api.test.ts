import { createClient, type Client } from 'graphql-ws';
import OpenAI from 'openai';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseCredits } from '@tollgate/shared';
import type { TestApp } from '../../../test-support/app.js';
import { FakeOpenAi } from './fakes/fake-openai.js';
import { balanceOf, keyFor, newUser, ok, signInAdmin } from './support.js';
import { startTestApp } from '../../../test-support/app.js';

const STREAM = `subscription($i: CompletionInput!) {
  completionStream(input: $i) { id delta done model provider cached usage { inputTokens outputTokens } charged balance { balance held available } }
}`;

let t: TestApp;
let fake: FakeOpenAi;
let admin: string;
const clients: Client[] = [];

beforeAll(async () => {
  fake = await FakeOpenAi.start();
  t = await startTestApp({ OPENAI_API_KEY: 'sk-platform', OPENAI_BASE_URL: fake.baseURL, MODEL_FALLBACKS: '{}' });
  admin = await signInAdmin(t);
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.dispose()));
  fake.reset();
});
afterAll(async () => {
  await t?.stop();
  await fake?.close();
});

function connect(token: string): Client {
  const client = createClient({
    url: `${t.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: { authorization: `Bearer ${token}` },
  });
  clients.push(client);
  return client;
}

/** Collects the stream's chunks; `stopAfter` deltas unsubscribes (the client walking away). */
function subscribe(client: Client, input: object, stopAfter = Infinity): Promise<{ chunks: any[]; errors: any[] }> {
  return new Promise((resolve) => {
    const chunks: any[] = [];
    const errors: any[] = [];
    let deltas = 0;
    const stop = client.subscribe(
      { query: STREAM, variables: { i: input } },
      {
        next: (msg) => {
          if (msg.errors) errors.push(...msg.errors);
          if (msg.data) chunks.push(msg.data.completionStream);
          if (msg.data && !(msg.data.completionStream as any).done && ++deltas >= stopAfter) {
            stop();
            resolve({ chunks, errors });
          }
        },
        error: (err) => {
          errors.push(...(Array.isArray(err) ? err : [err]));
          resolve({ chunks, errors });
        },
        complete: () => resolve({ chunks, errors }),
      },
    );
  });
}

async function settledBalance(token: string) {
  for (let i = 0; i < 100; i++) {
    const b = await balanceOf(t, token);
    if (b.held === 0n) return b;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the hold was never released');
}

async function auditClean(): Promise<void> {
  const audit = ok(await t.gql('{ ledgerAudit { violations } }', {}, admin), 'ledgerAudit');
  expect(audit.violations).toEqual([]);
}

describe('completionStream (graphql-ws)', () => {
  it('streams sandbox/echo word by word, then a last chunk whose charge is exactly the balance drop', async () => {
    const user = await newUser(t, admin, 'stream');
    const before = await balanceOf(t, user.token);
    const prompt = 'one two three four five six';
    const { chunks, errors } = await subscribe(connect(user.token), { model: 'sandbox/echo', prompt, maxTokens: 50, useCache: false });
    expect(errors).toEqual([]);
    const deltas = chunks.filter((c) => !c.done);
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.map((c) => c.delta).join('')).toBe(prompt);
    const last = chunks.at(-1)!;
    expect(last).toMatchObject({ done: true, model: 'sandbox/echo', provider: 'sandbox', cached: false });
    expect(parseCredits(last.charged)).toBeGreaterThan(0n);
    const after = await balanceOf(t, user.token);
    expect(before.balance - after.balance).toBe(parseCredits(last.charged));
    expect(parseCredits(last.balance.balance)).toBe(after.balance);
  });

  it('refuses a bad request as a subscription error with the contract code, charging nothing', async () => {
    const user = await newUser(t, admin, 'stream-bad');
    const { chunks, errors } = await subscribe(connect(user.token), { model: 'sandbox/echo', prompt: 'x', maxTokens: 0 });
    expect(chunks).toEqual([]);
    expect(errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await balanceOf(t, user.token)).balance).toBe(parseCredits('10'));
  });

  it('on unsubscribe mid-stream aborts the provider and charges what was delivered: more than zero, less than the hold', async () => {
    const user = await newUser(t, admin, 'stream-cut', 'starter');
    const words = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
    fake.set({ reply: words, chunkDelayMs: 40 });
    const input = { model: 'openai/gpt-4o-mini', prompt: 'count', maxTokens: 400, useCache: false };
    // The whole answer, for comparison: what the stream would have cost had the client stayed.
    fake.set({ reply: words, chunkDelayMs: 0 });
    const whole = await subscribe(connect((await newUser(t, admin, 'stream-whole', 'starter')).token), input);
    const wholeCharge = parseCredits(whole.chunks.at(-1)!.charged);
    fake.set({ reply: words, chunkDelayMs: 40 });
    const before = await balanceOf(t, user.token);
    const { chunks } = await subscribe(connect(user.token), input, 3);
    expect(chunks.length).toBe(3);
    const after = await settledBalance(user.token);
    const charged = before.balance - after.balance;
    expect(charged).toBeGreaterThan(0n);
    expect(charged).toBeLessThan(wholeCharge);
    // The upstream request was cut off: the fake saw its client go away long before 60 chunks × 40 ms.
    expect(fake.requests.at(-1)!.body.stream).toBe(true);
    const estimate = ok(
      await t.gql(
        'query($i: EstimateCostInput!) { estimateCost(input: $i) { maxCredits } }',
        { i: { model: 'openai/gpt-4o-mini', prompt: 'count', maxTokens: 400 } },
        user.token,
      ),
      'estimateCost',
    );
    expect(charged).toBeLessThan(parseCredits(estimate.maxCredits));
    await auditClean();
  });
});

describe('POST /v1/chat/completions with stream: true (official openai SDK)', () => {
  it('streams chunks, a usage chunk with Tollgate credits, and the same charge as the balance drop', async () => {
    const user = await newUser(t, admin, 'sse');
    const key = await keyFor(t, user, ['completions', 'read']);
    const client = new OpenAI({ apiKey: key.secret, baseURL: `${t.url}/v1`, maxRetries: 0 });
    const before = await balanceOf(t, user.token);
    const stream = await client.chat.completions.create(
      {
        model: 'sandbox/echo',
        messages: [{ role: 'user', content: 'stream me please now' }],
        max_tokens: 40,
        stream: true,
        stream_options: { include_usage: true },
      },
      { headers: { 'cache-control': 'no-cache' } },
    );
    let text = '';
    let usageChunk: any = null;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? '';
      if (chunk.usage) usageChunk = chunk;
    }
    expect(text).toBe('stream me please now');
    expect(usageChunk.usage.completion_tokens).toBeGreaterThan(0);
    const after = await balanceOf(t, user.token);
    expect(parseCredits(usageChunk.x_tollgate.credits_charged)).toBe(before.balance - after.balance);
  });

  it('answers a refused streaming request with a JSON error, not an event stream', async () => {
    const user = await newUser(t, admin, 'sse-bad');
    const key = await keyFor(t, user, ['completions']);
    const client = new OpenAI({ apiKey: key.secret, baseURL: `${t.url}/v1`, maxRetries: 0 });
    const err = await client.chat.completions.create({ model: 'nope/model', messages: [{ role: 'user', content: 'hi' }], stream: true }).catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.NotFoundError);
  });

  it('a client that aborts mid-stream is charged for what it received, and the hold is released', async () => {
    const user = await newUser(t, admin, 'sse-cut', 'starter');
    const key = await keyFor(t, user, ['completions']);
    fake.set({ reply: Array.from({ length: 60 }, (_, i) => `w${i}`).join(' '), chunkDelayMs: 40 });
    const client = new OpenAI({ apiKey: key.secret, baseURL: `${t.url}/v1`, maxRetries: 0 });
    const before = await balanceOf(t, user.token);
    const stream = await client.chat.completions.create(
      { model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'go' }], max_tokens: 400, stream: true },
      { headers: { 'cache-control': 'no-cache' } },
    );
    let seen = 0;
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta?.content) seen += 1;
      if (seen === 3) break;
    }
    const after = await settledBalance(user.token);
    expect(before.balance - after.balance).toBeGreaterThan(0n);
    await auditClean();
  });
});
