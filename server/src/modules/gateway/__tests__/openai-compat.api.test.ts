import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { countMessageTokens, countTokens, parseCredits } from '@tollgate/shared';
import { startTestApp, TEST_ADMIN, type TestApp } from '../../../test-support/app.js';
import { createLogger, type Logger } from '../../../platform/logger.js';
import type { Services } from '../../../services.js';
import { createKey, GOOD_PASSWORD, SIGN_IN, SIGN_UP, uniqueEmail } from '../../auth/__tests__/helpers.js';
import type { OpenAiErrorBody } from '../openai-compat/errors.js';
import { openAiCompatRouter, openAiErrorHandler } from '../openai-compat/router.js';

let t: TestApp;
let admin: string;
let server: Server;
let baseURL: string;
let ip = 0;

/** The router mounted as the lead mounts it in app.ts: express.json, the router, the error handler. */
async function serve(services: Services, log: Logger): Promise<{ server: Server; baseURL: string }> {
  const server = createServer(express().use('/v1', express.json({ limit: '1mb' }), openAiCompatRouter({ services, log }), openAiErrorHandler(log)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1` };
}

beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.gql(SIGN_IN, { input: TEST_ADMIN })).data!.signIn.token;
  ({ server, baseURL } = await serve(t.app.services, createLogger('silent')));
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await t?.stop();
});

const client = (apiKey: string) => new OpenAI({ apiKey, baseURL, maxRetries: 0 });
const available = async (token: string): Promise<string> => (await t.gql('{ creditBalance { available } }', {}, token)).data!.creditBalance.available;

/** A new user (from an address of its own: sign-up is rate-limited per IP) with a key. */
async function caller(scopes = ['completions']) {
  const res = await t.gql(SIGN_UP, { input: { email: uniqueEmail('oai'), password: GOOD_PASSWORD } }, undefined, { 'x-forwarded-for': `203.0.113.${++ip}` });
  const user = { token: res.data!.signUp.token as string, id: res.data!.signUp.user.id as string };
  const key = await createKey(t, user.token, scopes);
  return { ...user, key: key.secret, keyId: key.id, openai: client(key.secret) };
}

const post = (url: string, body: string, key?: string) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) }, body });
const errorOf = async (res: Response): Promise<OpenAiErrorBody['error']> => ((await res.json()) as OpenAiErrorBody).error;

/** The SDK error a refused request throws (and a failure if it was not refused). */
const refusal = (p: Promise<unknown>): Promise<InstanceType<typeof OpenAI.APIError>> =>
  p.then(
    () => {
      throw new Error('expected the request to be refused');
    },
    (err) => {
      if (err instanceof OpenAI.APIError) return err;
      throw err;
    },
  );

describe('POST /v1/chat/completions', () => {
  it('echoes on sandbox/echo with usage, and the credit headers match the balance drop exactly', async () => {
    const u = await caller();
    const before = await available(u.token);
    const messages = [
      { role: 'system' as const, content: 'be brief' },
      { role: 'user' as const, content: 'Tell me about toll gates.' },
    ];
    const { data, response } = await u.openai.chat.completions.create({ model: 'sandbox/echo', messages, max_tokens: 50 }).withResponse();
    expect(data).toMatchObject({
      object: 'chat.completion',
      model: 'sandbox/echo',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Tell me about toll gates.' }, finish_reason: 'stop' }],
    });
    expect(data.id).toMatch(/^chatcmpl-/);
    expect(data.created).toBeCloseTo(Date.now() / 1000, -1);
    const [prompt, completion] = [countMessageTokens(messages, 'sandbox'), countTokens('Tell me about toll gates.', 'sandbox')];
    expect(data.usage).toEqual({ prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion });
    const [charged, remaining] = [response.headers.get('x-tollgate-credits-charged')!, response.headers.get('x-tollgate-credits-remaining')];
    expect(charged).toMatch(/^\d+\.\d{6}$/);
    expect(parseCredits(charged)).toBeGreaterThan(0n);
    const after = await available(u.token);
    expect(remaining).toBe(after);
    expect(parseCredits(before) - parseCredits(after)).toBe(parseCredits(charged));
  });

  it('says finish_reason "length" when the reply used all of max_tokens or max_completion_tokens', async () => {
    const u = await caller();
    const messages = [{ role: 'user' as const, content: 'one two three four five six seven eight nine ten' }];
    const a = await u.openai.chat.completions.create({ model: 'sandbox/echo', messages, max_tokens: 3 });
    expect(a.choices[0]!.finish_reason).toBe('length');
    expect(a.usage!.completion_tokens).toBe(3);
    const b = await u.openai.chat.completions.create({
      model: 'sandbox/echo',
      messages: [{ role: 'developer', content: [{ type: 'text', text: 'x' }] }, ...messages],
      max_completion_tokens: 2,
    });
    expect(b.choices[0]!.finish_reason).toBe('length');
  });

  it('accepts a signed-in session token too', async () => {
    const res = await client((await caller()).token).chat.completions.create({ model: 'sandbox/echo', messages: [{ role: 'user', content: 'hi' }] });
    expect(res.choices[0]!.message.content).toBe('hi');
  });

  it('answers a retry with the same Idempotency-Key with the first result, charged once; another body is a 409', async () => {
    const u = await caller();
    const body = { model: 'sandbox/echo', messages: [{ role: 'user' as const, content: 'retry me' }] };
    const headers = { 'Idempotency-Key': 'openai-retry-1' };
    const first = await u.openai.chat.completions.create(body, { headers }).withResponse();
    const second = await u.openai.chat.completions.create(body, { headers }).withResponse();
    expect(second.data.id).toBe(first.data.id);
    const charged = parseCredits(first.response.headers.get('x-tollgate-credits-charged')!);
    expect(parseCredits(await available(u.token))).toBe(parseCredits('10.000000') - charged);
    const conflict = await refusal(u.openai.chat.completions.create({ ...body, messages: [{ role: 'user', content: 'other' }] }, { headers }));
    expect(conflict).toBeInstanceOf(OpenAI.ConflictError);
    expect(conflict.code).toBe('idempotency_conflict');
  });
});

describe('refusals, in OpenAI error shape, charge nothing', () => {
  const hi = [{ role: 'user' as const, content: 'hi' }];
  it.each([
    ['unknown model', { model: 'nope/nothing', messages: hi }, OpenAI.NotFoundError, 404, 'model_not_found', null],
    ['empty messages', { model: 'sandbox/echo', messages: [] }, OpenAI.BadRequestError, 400, 'invalid_value', 'messages'],
    ['max_tokens 0', { model: 'sandbox/echo', messages: hi, max_tokens: 0 }, OpenAI.BadRequestError, 400, 'invalid_value', 'max_tokens'],
    [
      'max_tokens 0 beside a good max_completion_tokens',
      { model: 'sandbox/echo', messages: hi, max_tokens: 0, max_completion_tokens: 5 },
      OpenAI.BadRequestError,
      400,
      'invalid_value',
      'max_tokens',
    ],
    ['temperature 5', { model: 'sandbox/echo', messages: hi, temperature: 5 }, OpenAI.BadRequestError, 400, 'invalid_value', 'temperature'],
    [
      'an unknown role',
      { model: 'sandbox/echo', messages: [{ role: 'tool', content: 'x', tool_call_id: '1' }] },
      OpenAI.BadRequestError,
      400,
      'invalid_value',
      'messages',
    ],
    ['stream not a boolean', { model: 'sandbox/echo', messages: hi, stream: 'yes' }, OpenAI.BadRequestError, 400, 'invalid_value', 'stream'],
    [
      'max_tokens above the tier cap',
      { model: 'sandbox/echo', messages: hi, max_tokens: 4000 },
      OpenAI.PermissionDeniedError,
      403,
      'tier_limit_exceeded',
      null,
    ],
    ['a model outside the tier', { model: 'anthropic/claude-3-opus', messages: hi }, OpenAI.PermissionDeniedError, 403, 'model_not_allowed', null],
    ['a model whose provider is not configured', { model: 'openai/gpt-4o-mini', messages: hi }, OpenAI.InternalServerError, 503, 'provider_unavailable', null],
  ] as const)('%s', async (_name, body, errorClass, status, code, param) => {
    const u = await caller();
    const err = await refusal(u.openai.chat.completions.create(body as OpenAI.ChatCompletionCreateParamsNonStreaming));
    expect(err).toBeInstanceOf(errorClass);
    expect({ status: err.status, code: err.code, param: err.param }).toEqual({ status, code, param });
    expect(await available(u.token)).toBe('10.000000');
  });

  it('402 insufficient_quota when the balance cannot cover the worst case', async () => {
    const u = await caller();
    await t.gql(
      `mutation($i: AdminCreditInput!) { adminDeductCredits(input: $i) { id } }`,
      { i: { userId: u.id, amount: '9.999999', reason: 'drain', idempotencyKey: 'drain' } },
      admin,
    );
    const err = await refusal(u.openai.chat.completions.create({ model: 'sandbox/echo', messages: hi, max_tokens: 1000 }));
    expect({ status: err.status, code: err.code, type: err.type }).toEqual({ status: 402, code: 'insufficient_quota', type: 'insufficient_quota' });
    expect(await available(u.token)).toBe('0.000001');
  });

  it('401 for a revoked key, 403 for a key without the completions scope (on both endpoints)', async () => {
    const u = await caller();
    await t.gql(`mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: u.keyId }, u.token);
    const revoked = await refusal(u.openai.chat.completions.create({ model: 'sandbox/echo', messages: hi }));
    expect([revoked instanceof OpenAI.AuthenticationError, revoked.code]).toEqual([true, 'invalid_api_key']);
    expect(await refusal(u.openai.models.list())).toBeInstanceOf(OpenAI.AuthenticationError);
    const readOnly = await caller(['read']);
    const denied = await refusal(readOnly.openai.chat.completions.create({ model: 'sandbox/echo', messages: hi }));
    expect(denied).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect(denied.message).toContain('completions');
    expect(await refusal(readOnly.openai.models.list())).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect(await available(readOnly.token)).toBe('10.000000');
  });

  it("429 with Retry-After once the tier's requests per minute are used", async () => {
    const u = await caller();
    for (let i = 0; i < 20; i++) await u.openai.chat.completions.create({ model: 'sandbox/echo', messages: hi, max_tokens: 5 });
    const before = await available(u.token);
    const limited = await refusal(u.openai.chat.completions.create({ model: 'sandbox/echo', messages: hi, max_tokens: 5 }));
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
    expect(Number(limited.headers!.get('retry-after'))).toBeGreaterThan(0);
    expect(await available(u.token)).toBe(before);
  });

  it('answers raw HTTP mistakes in the same shape: no key, malformed JSON, an unknown URL', async () => {
    const noKey = await post(`${baseURL}/chat/completions`, '{}');
    expect(noKey.status).toBe(401);
    expect(await errorOf(noKey)).toMatchObject({ type: 'invalid_request_error', code: 'invalid_api_key', param: null });
    const u = await caller();
    const malformed = await post(`${baseURL}/chat/completions`, '{"model":', u.key);
    expect(malformed.status).toBe(400);
    expect(await errorOf(malformed)).toMatchObject({ type: 'invalid_request_error', code: 'invalid_json' });
    const unknown = await post(`${baseURL}/audio/speech`, '{}', u.key);
    expect(unknown.status).toBe(404);
    expect((await errorOf(unknown)).code).toBe('unknown_url');
  });

  it('an unexpected failure is a bare 500, logged, its cause never leaked', async () => {
    const [log, boom] = [{ error: vi.fn() } as unknown as Logger, new Error('relation "api_key" does not exist: select secret_hash from api_key')];
    const broken = await serve({ ...t.app.services, gateway: { complete: () => Promise.reject(boom) } } as unknown as Services, log);
    try {
      const u = await caller();
      const res = await post(
        `${broken.baseURL}/chat/completions`,
        JSON.stringify({ model: 'sandbox/echo', messages: [{ role: 'user', content: 'hi' }] }),
        u.key,
      );
      expect(res.status).toBe(500);
      expect(await errorOf(res)).toEqual({ message: 'Internal server error', type: 'server_error', param: null, code: null });
      expect(log.error).toHaveBeenCalledWith({ err: boom }, expect.any(String));
    } finally {
      await new Promise((resolve) => broken.server.close(resolve));
    }
  });
});

describe('GET /v1/models', () => {
  it('lists the models the tier allows, and retrieves one by its id', async () => {
    const u = await caller();
    const { data: page, response } = await u.openai.models.list().withResponse();
    expect(page.data.map((m) => m.id)).toEqual(expect.arrayContaining(['sandbox/echo']));
    expect(page.data.map((m) => m.id)).not.toContain('anthropic/claude-3-opus');
    expect(page.data.find((m) => m.id === 'sandbox/echo')).toMatchObject({ object: 'model', owned_by: 'sandbox', created: expect.any(Number) });
    expect(response.headers.get('x-tollgate-credits-remaining')).toBe('10.000000');
    expect(await u.openai.models.retrieve('sandbox/echo')).toMatchObject({ id: 'sandbox/echo', object: 'model' });
    const hidden = await refusal(u.openai.models.retrieve('anthropic/claude-3-opus'));
    expect({ status: hidden.status, code: hidden.code }).toEqual({ status: 404, code: 'model_not_found' });
  });
});

describe('mounted in the app', () => {
  it('serves /v1 on the product port, with OpenAI-shaped errors for malformed bodies', async () => {
    const { key } = await caller();
    const real = new OpenAI({ apiKey: key, baseURL: `${t.url}/v1`, maxRetries: 0 });
    const reply = await real.chat.completions.create({ model: 'sandbox/echo', messages: [{ role: 'user', content: 'mounted' }] });
    expect(reply.choices[0]!.message.content).toBe('mounted');
    const bad = await fetch(`${t.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: '{nope',
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as OpenAiErrorBody).error.type).toBe('invalid_request_error');
  });
});
