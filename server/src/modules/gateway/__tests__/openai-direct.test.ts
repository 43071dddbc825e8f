import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { retryDelayMs } from '../providers/openai-direct.js';
import { OpenAiCompatibleProvider } from '../providers/openai.provider.js';
import { ProviderError, type ProviderRequest } from '../providers/provider.js';
import { providerFetch } from '../providers/provider-fetch.js';
import { toProviderError } from '../providers/sdk-common.js';

/**
 * The direct first attempt of a non-streamed completion (openai-direct.ts) against a real HTTP
 * server, beside the openai SDK's own call against the same script: both must fail with the same
 * ProviderError (message, transient, the scrubbed cause) after the same number of requests.
 */
type Answer = { status: number; headers?: Record<string, string>; body?: string; delayMs?: number };
const KEY = 'sk-direct-test-key';
const OK: Answer = {
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    id: 'c1',
    object: 'chat.completion',
    choices: [{ index: 0, message: { role: 'assistant', content: 'hi there' } }],
    usage: { prompt_tokens: 3, completion_tokens: 2 },
  }),
};
const request: ProviderRequest = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello' }], maxTokens: 20, temperature: null };

let server: Server;
let baseURL: string;
let script: Answer[] = [];
let seen: Array<{ path: string; headers: IncomingHttpHeaders; body: string }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ path: req.url!, headers: req.headers, body });
      const answer = script.shift() ?? OK;
      const timer = setTimeout(() => res.writeHead(answer.status, answer.headers ?? {}).end(answer.body ?? ''), answer.delayMs ?? 0);
      res.once('close', () => clearTimeout(timer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  script = [];
  seen = [];
});

type Options = { maxRetries?: number; timeoutMs?: number; base?: string };
const direct = (o: Options = {}) =>
  new OpenAiCompatibleProvider({ name: 'openai', apiKey: KEY, baseURL: o.base ?? baseURL, timeoutMs: o.timeoutMs ?? 5_000, maxRetries: o.maxRetries ?? 1 });

/** The same call through the SDK alone, mapped as the provider maps it. */
async function viaSdk(o: Options = {}, signal?: AbortSignal) {
  const client = new OpenAI({
    apiKey: KEY,
    organization: null,
    project: null,
    adminAPIKey: null,
    baseURL: o.base ?? baseURL,
    timeout: o.timeoutMs ?? 5_000,
    maxRetries: o.maxRetries ?? 1,
    fetch: providerFetch,
  });
  const body = { model: request.model, messages: [{ role: 'user' as const, content: 'hello' }], max_tokens: 20 };
  try {
    return await client.chat.completions.create(body, { signal });
  } catch (err) {
    throw toProviderError('openai', err, OpenAI, signal);
  }
}

const failureOf = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a failure');
    },
    (err: unknown) => {
      // A ProviderError, or (a malformed answer) what the SDK path lets through: compare what counts.
      const e = err as ProviderError;
      return {
        kind: (err as object).constructor.name,
        message: e.message,
        transient: e.transient,
        cause: e.cause instanceof Error ? `${e.cause.name}: ${e.cause.message}` : undefined,
      };
    },
  );

/** Runs the script through the direct provider and through the SDK: the same failure, the same number of requests. */
async function sameFailure(answers: Answer[], o: Options = {}) {
  script = [...answers];
  seen = [];
  const mine = await failureOf(direct(o).complete(request));
  const mineRequests = seen.length;
  script = [...answers];
  seen = [];
  const sdk = await failureOf(viaSdk(o));
  expect(mine).toEqual(sdk);
  expect(mineRequests).toBe(seen.length);
  return { ...mine, requests: mineRequests };
}

describe('the direct Chat Completions call', () => {
  it('posts the body and the key to /chat/completions and reads the answer', async () => {
    const res = await direct().complete({ ...request, temperature: 0.5 });
    expect(res).toEqual({ content: 'hi there', usage: { inputTokens: 3, outputTokens: 2, cachedInputTokens: 0 } });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.path).toBe('/v1/chat/completions');
    expect(seen[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(seen[0]!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(seen[0]!.body)).toEqual({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello' }], max_tokens: 20, temperature: 0.5 });
    // A base URL given with a trailing slash is joined as the SDK joins it.
    await direct({ base: `${baseURL}/` }).complete(request);
    expect(seen[1]!.path).toBe('/v1/chat/completions');
  });

  it('a 429 with Retry-After is retried by the SDK, then given up as transient like the SDK', async () => {
    const limited: Answer = {
      status: 429,
      headers: { 'retry-after': '0', 'content-type': 'application/json' },
      body: '{"error":{"type":"rate_limit_exceeded","message":"sk-secret"}}',
    };
    const failed = await sameFailure([limited, limited, limited]);
    expect(failed).toMatchObject({ message: 'openai answered HTTP 429', transient: true, requests: 2 });
    expect(failed.cause).not.toContain('sk-secret');
    expect(await sameFailure([limited], { maxRetries: 0 })).toMatchObject({ transient: true, requests: 1 });
  });

  it('a 500 then a success is a success (the retry sends the same request)', async () => {
    script = [{ status: 500, headers: { 'retry-after-ms': '0' }, body: 'upstream broke' }];
    expect((await direct().complete(request)).content).toBe('hi there');
    expect(seen).toHaveLength(2);
    expect(seen[1]!.body).toBe(seen[0]!.body);
    expect(seen[1]!.headers.authorization).toBe(`Bearer ${KEY}`);
    // The server may forbid the retry: then the 500 is final after one request.
    expect(await sameFailure([{ status: 500, headers: { 'x-should-retry': 'false' } }])).toMatchObject({ transient: true, requests: 1 });
  });

  it('a 401 is final and not transient, its kind kept and its body not', async () => {
    const refused: Answer = {
      status: 401,
      headers: { 'content-type': 'application/json', 'x-request-id': 'req_abc' },
      body: '{"error":{"code":"invalid_api_key","message":"Incorrect key sk-dir…"}}',
    };
    const failed = await sameFailure([refused], { maxRetries: 2 });
    expect(failed).toMatchObject({ message: 'openai answered HTTP 401', transient: false, requests: 1 });
    expect(failed.cause).toBe('Error: HTTP 401 invalid_api_key request req_abc (body not logged)');
    // Not JSON at all: the same.
    expect(await sameFailure([{ status: 403, body: '<html>denied</html>' }])).toMatchObject({ message: 'openai answered HTTP 403', transient: false });
  });

  it('times out transiently; the abort signal cancels, not transient', async () => {
    const slow: Answer = { ...OK, delayMs: 3_000 };
    expect(await sameFailure([slow], { timeoutMs: 100, maxRetries: 0 })).toMatchObject({ message: 'openai timed out', transient: true });
    const controller = new AbortController();
    script = [slow];
    setTimeout(() => controller.abort(), 50);
    const aborted = await failureOf(direct().complete(request, controller.signal));
    expect(aborted).toMatchObject({ message: 'openai request was aborted', transient: false });
    // Already aborted: nothing is sent.
    seen = [];
    expect(await failureOf(direct().complete(request, controller.signal))).toMatchObject({ message: 'openai request was aborted' });
    expect(seen).toHaveLength(0);
  });

  it('a refused connection is transient, as through the SDK', async () => {
    const gone = createServer();
    await new Promise<void>((resolve) => gone.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(gone.address() as AddressInfo).port}/v1`;
    await new Promise((resolve) => gone.close(resolve));
    expect(await sameFailure([], { base, maxRetries: 0 })).toMatchObject({ message: 'openai could not be reached', transient: true });
  });

  it('a malformed answer fails as it fails through the SDK', async () => {
    const broken: Answer = { status: 200, headers: { 'content-type': 'application/json' }, body: '{"choices": [' };
    expect(await sameFailure([broken])).toMatchObject({ message: 'openai call failed', transient: false, requests: 1 });
    // A 200 that is not JSON: no completion in it, worth the next provider.
    script = [{ status: 200, headers: { 'content-type': 'text/html' }, body: '<html>proxy page</html>' }];
    expect(await failureOf(direct().complete(request))).toMatchObject({ message: 'openai returned no completion', transient: true });
    // An error status with a malformed body: the status counts.
    expect(await sameFailure([{ status: 502, headers: { 'content-type': 'application/json' }, body: '{"err' }], { maxRetries: 0 })).toMatchObject({
      message: 'openai answered HTTP 502',
      transient: true,
    });
  });

  it('waits what the SDK would before its retry: retry-after-ms, retry-after (seconds or a date, under a minute), else a jittered 0.5 s', () => {
    expect(retryDelayMs(new Headers({ 'retry-after-ms': '150', 'retry-after': '9' }))).toBe(150);
    expect(retryDelayMs(new Headers({ 'retry-after': '2' }))).toBe(2_000);
    const later = retryDelayMs(new Headers({ 'retry-after': new Date(Date.now() + 30_000).toUTCString() }));
    expect(later).toBeGreaterThan(20_000);
    // An unreasonable ask (an hour) is not taken: the SDK's default wait instead.
    expect(retryDelayMs(new Headers({ 'retry-after': '3600' }))).toBeLessThanOrEqual(500);
    const backoff = retryDelayMs(undefined);
    expect(backoff).toBeGreaterThanOrEqual(375);
    expect(backoff).toBeLessThanOrEqual(500);
  });
});
