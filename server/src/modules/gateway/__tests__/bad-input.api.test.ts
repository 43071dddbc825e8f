/**
 * Bad input to a completion (issue 5, Tests), through GraphQL `complete` and through the official
 * `openai` SDK against the mounted `/v1`: each is answered with its contract code (in OpenAI's
 * error shape on `/v1`), and nothing is charged: the balance, held, the ledger's entries and the
 * successful usage events are all as they were.
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, type TestApp } from '../../../test-support/app.js';
import { COMPLETE, keyFor, newUser, ok, setAvailable, signInAdmin, snapshot, startGatewayApp, type User } from './support.js';

let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await startGatewayApp('bad-input');
  admin = await signInAdmin(t);
});
afterAll(async () => {
  await t?.stop();
});

type ChatBody = OpenAI.ChatCompletionCreateParamsNonStreaming;
const hi = [{ role: 'user' as const, content: 'hi' }];
const openai = (apiKey: string) => new OpenAI({ apiKey, baseURL: `${t.url}/v1`, maxRetries: 0 });

/** A user (on the free tier, as signed up) with a key allowed to complete. */
async function caller(tag: string): Promise<User & { key: string; keyId: string }> {
  const user = await newUser(t, admin, tag);
  const key = await keyFor(t, user, ['completions']);
  return { ...user, key: key.secret, keyId: key.id };
}

/** The SDK error a refused request throws; a failure if it was answered. */
async function refusal(p: Promise<unknown>): Promise<InstanceType<typeof OpenAI.APIError>> {
  try {
    await p;
  } catch (err) {
    if (err instanceof OpenAI.APIError) return err;
    throw err;
  }
  throw new Error('expected the request to be refused');
}

interface OpenAiShape {
  status: number;
  type: string;
  code: string;
  param?: string | null;
}

/** OpenAI's error body (what the SDK parsed), nothing more and nothing leaked. */
function expectOpenAiError(err: InstanceType<typeof OpenAI.APIError>, want: OpenAiShape): void {
  const got = { status: err.status, type: err.type, code: err.code, ...(want.param !== undefined ? { param: err.param } : {}) };
  expect(got).toEqual(want);
  const body = err.error as Record<string, unknown>;
  expect(Object.keys(body).sort()).toEqual(['code', 'message', 'param', 'type']);
  expect(typeof body.message).toBe('string');
  expect(body.message).not.toMatch(/\bat .+:\d+:\d+|select |insert |update /i);
}

const BAD = { status: 400, type: 'invalid_request_error', code: 'invalid_value' };

describe('bad input is refused with its code on both APIs, and charges nothing', () => {
  it.each([
    [
      'an unknown model',
      { model: 'nope/nothing', prompt: 'hi' },
      { model: 'nope/nothing', messages: hi },
      'NOT_FOUND',
      { status: 404, type: 'invalid_request_error', code: 'model_not_found' },
    ],
    ['empty messages', { model: 'sandbox/echo', messages: [] }, { model: 'sandbox/echo', messages: [] }, 'BAD_USER_INPUT', { ...BAD, param: 'messages' }],
    [
      'maxTokens 0',
      { model: 'sandbox/echo', prompt: 'hi', maxTokens: 0 },
      { model: 'sandbox/echo', messages: hi, max_tokens: 0 },
      'BAD_USER_INPUT',
      { ...BAD, param: 'max_tokens' },
    ],
    [
      'a negative maxTokens',
      { model: 'sandbox/echo', prompt: 'hi', maxTokens: -5 },
      { model: 'sandbox/echo', messages: hi, max_tokens: -5 },
      'BAD_USER_INPUT',
      { ...BAD, param: 'max_tokens' },
    ],
    [
      'a huge maxTokens (1e9)',
      { model: 'sandbox/echo', prompt: 'hi', maxTokens: 1e9 },
      { model: 'sandbox/echo', messages: hi, max_tokens: 1e9 },
      'BAD_USER_INPUT',
      { ...BAD, param: 'max_tokens' },
    ],
    [
      'a huge max_completion_tokens (1e9)',
      { model: 'sandbox/echo', prompt: 'hi', maxTokens: 1e9 },
      { model: 'sandbox/echo', messages: hi, max_completion_tokens: 1e9 },
      'BAD_USER_INPUT',
      BAD,
    ],
    [
      'a fractional maxTokens',
      { model: 'sandbox/echo', prompt: 'hi', maxTokens: 1.5 },
      { model: 'sandbox/echo', messages: hi, max_tokens: 1.5 },
      'BAD_USER_INPUT',
      { ...BAD, param: 'max_tokens' },
    ],
    [
      'temperature -1',
      { model: 'sandbox/echo', prompt: 'hi', temperature: -1 },
      { model: 'sandbox/echo', messages: hi, temperature: -1 },
      'BAD_USER_INPUT',
      { ...BAD, param: 'temperature' },
    ],
    [
      'temperature 3',
      { model: 'sandbox/echo', prompt: 'hi', temperature: 3 },
      { model: 'sandbox/echo', messages: hi, temperature: 3 },
      'BAD_USER_INPUT',
      { ...BAD, param: 'temperature' },
    ],
    [
      'only blank user content',
      { model: 'sandbox/echo', messages: [{ role: 'user', content: '   ' }] },
      { model: 'sandbox/echo', messages: [{ role: 'user', content: '   ' }] },
      'BAD_USER_INPUT',
      { ...BAD, param: 'messages' },
    ],
    [
      'a model outside the tier',
      { model: 'anthropic/claude-3-opus', prompt: 'hi' },
      { model: 'anthropic/claude-3-opus', messages: hi },
      'MODEL_NOT_ALLOWED',
      { status: 403, type: 'permission_error', code: 'model_not_allowed' },
    ],
  ] as const)('%s', async (name, gqlInput, v1Body, code, shape) => {
    const u = await caller('bad-input');
    const before = await snapshot(t, u.token);
    expect(before.balance.held).toBe('0.000000');

    expect(errorCode(await t.gql(COMPLETE, { i: gqlInput }, u.token))).toBe(code);
    expect(await snapshot(t, u.token)).toEqual(before);

    expectOpenAiError(await refusal(openai(u.key).chat.completions.create(v1Body as unknown as ChatBody)), shape);
    expect(await snapshot(t, u.token), name).toEqual(before);
  });

  it('GraphQL: a maxTokens beyond Int is refused by the schema as BAD_USER_INPUT', async () => {
    const u = await caller('bad-input-int');
    const before = await snapshot(t, u.token);
    expect(errorCode(await t.gql(COMPLETE, { i: { model: 'sandbox/echo', prompt: 'hi', maxTokens: 3e9 } }, u.token))).toBe('BAD_USER_INPUT');
    expectOpenAiError(await refusal(openai(u.key).chat.completions.create({ model: 'sandbox/echo', messages: hi, max_tokens: 3e9 })), {
      ...BAD,
      param: 'max_tokens',
    });
    expect(await snapshot(t, u.token)).toEqual(before);
  });

  it('insufficient credits: INSUFFICIENT_CREDITS, 402 insufficient_quota on /v1', async () => {
    const u = await caller('bad-input-broke');
    await setAvailable(t, admin, u, 1n);
    const before = await snapshot(t, u.token);
    expect(before.balance).toEqual({ balance: '0.000001', held: '0.000000', available: '0.000001' });

    expect(errorCode(await t.gql(COMPLETE, { i: { model: 'sandbox/echo', prompt: 'hello there', maxTokens: 100 } }, u.token))).toBe('INSUFFICIENT_CREDITS');
    expect(await snapshot(t, u.token)).toEqual(before);

    const err = await refusal(
      openai(u.key).chat.completions.create({ model: 'sandbox/echo', messages: [{ role: 'user', content: 'hello there' }], max_tokens: 100 }),
    );
    expectOpenAiError(err, { status: 402, type: 'insufficient_quota', code: 'insufficient_quota' });
    expect(await snapshot(t, u.token)).toEqual(before);
  });

  it('a revoked API key: UNAUTHENTICATED, 401 invalid_api_key on /v1', async () => {
    const u = await caller('bad-input-revoked');
    ok(await t.gql(`mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: u.keyId }, u.token), 'revokeApiKey');
    const before = await snapshot(t, u.token);

    expect(errorCode(await t.gql(COMPLETE, { i: { model: 'sandbox/echo', prompt: 'hi' } }, u.key))).toBe('UNAUTHENTICATED');
    const err = await refusal(openai(u.key).chat.completions.create({ model: 'sandbox/echo', messages: hi }));
    expect(err).toBeInstanceOf(OpenAI.AuthenticationError);
    expectOpenAiError(err, { status: 401, type: 'invalid_request_error', code: 'invalid_api_key' });
    expect(await snapshot(t, u.token)).toEqual(before);
  });

  it('a key without the completions scope: FORBIDDEN, 403 on /v1', async () => {
    const u = await caller('bad-input-scope');
    const readOnly = await keyFor(t, u, ['read']);
    const before = await snapshot(t, u.token);

    expect(errorCode(await t.gql(COMPLETE, { i: { model: 'sandbox/echo', prompt: 'hi' } }, readOnly.secret))).toBe('FORBIDDEN');
    const err = await refusal(openai(readOnly.secret).chat.completions.create({ model: 'sandbox/echo', messages: hi }));
    expect(err).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expectOpenAiError(err, { status: 403, type: 'permission_error', code: 'forbidden' });
    expect(err.message).toContain('completions');
    expect(await snapshot(t, u.token)).toEqual(before);
  });
});

describe("a prompt past the model's context window", () => {
  // ≈260,000 tokens against sandbox/echo's 128,000, on a tier whose allowance and a balance that would both cover it.
  it('is BAD_USER_INPUT, as estimateCost says, and charges nothing', async () => {
    const user = await newUser(t, admin, 'bad-input-window', 'enterprise');
    const key = await keyFor(t, user, ['completions']);
    await setAvailable(t, admin, user, 100_000_000n);
    const prompt = Array.from({ length: 130_000 }, (_, i) => String(i % 10)).join(' ');
    const estimate = await t.gql(
      `query($i: EstimateCostInput!) { estimateCost(input: $i) { maxCredits } }`,
      { i: { model: 'sandbox/echo', prompt, maxTokens: 10 } },
      user.token,
    );
    expect(errorCode(estimate)).toBe('BAD_USER_INPUT');
    const before = await snapshot(t, user.token);
    expect(errorCode(await t.gql(COMPLETE, { i: { model: 'sandbox/echo', prompt, maxTokens: 10, useCache: false } }, user.token))).toBe('BAD_USER_INPUT');
    expect(await snapshot(t, user.token)).toEqual(before);
    const err = await refusal(
      openai(key.secret).chat.completions.create({ model: 'sandbox/echo', messages: [{ role: 'user', content: prompt }], max_tokens: 10 }),
    );
    expectOpenAiError(err, { ...BAD, param: 'messages' });
    expect(await snapshot(t, user.token)).toEqual(before);
  });
});

describe('the snapshot sees a charge', () => {
  it('moves on a good request through either API (so "unchanged" above means nothing was charged)', async () => {
    const u = await caller('bad-input-control');
    const before = await snapshot(t, u.token);
    const done = ok(await t.gql(COMPLETE, { i: { model: 'sandbox/echo', prompt: 'hi', useCache: false } }, u.token), 'complete');
    const mid = await snapshot(t, u.token);
    expect(mid.balance.balance).toBe(done.balance.available);
    expect(mid.balance.balance).not.toBe(before.balance.balance);
    expect({ entries: mid.entries, metered: mid.meteredRequests }).toEqual({ entries: before.entries + 1, metered: before.meteredRequests + 1 });

    await openai(u.key).chat.completions.create({ model: 'sandbox/echo', messages: hi }, { headers: { 'cache-control': 'no-cache' } });
    const after = await snapshot(t, u.token);
    expect(after.balance.balance).not.toBe(mid.balance.balance);
    expect({ entries: after.entries, metered: after.meteredRequests, held: after.balance.held }).toEqual({
      entries: mid.entries + 1,
      metered: mid.meteredRequests + 1,
      held: '0.000000',
    });
  });
});
