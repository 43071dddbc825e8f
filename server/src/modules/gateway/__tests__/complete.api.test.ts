import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chargeFor, countMessageTokens, countTokens, usdPerMillionToNano } from '@tollgate/shared';
import { errorCode, startTestApp, TEST_ADMIN, type TestApp } from '../../../test-support/app.js';
import { withClient } from '../../../test-support/database.js';
import { createKey, SIGN_IN, signUp } from '../../auth/__tests__/helpers.js';

const COMPLETE = `mutation($i: CompletionInput!) { complete(input: $i) { id model content cached usage { inputTokens outputTokens } charged balance { available } } }`;
const BALANCE = '{ creditBalance { balance held available } }';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.gql(SIGN_IN, { input: TEST_ADMIN })).data!.signIn.token;
});
afterAll(async () => {
  await t?.stop();
});

/** sandbox/echo on the free tier: $1/$2 per 1M, budget class, 5% markup, $0.01 a credit. */
function sandboxCharge(prompt: string, output: string): string {
  const usage = { inputTokens: countMessageTokens([{ role: 'user', content: prompt }], 'sandbox'), outputTokens: countTokens(output, 'sandbox') };
  const micro = chargeFor(
    { price: { inputNanoPerToken: usdPerMillionToNano('1'), outputNanoPerToken: usdPerMillionToNano('2') }, markupBps: 500n, creditUsdMicro: 10_000n },
    usage,
  );
  return `${micro / 1_000_000n}.${(micro % 1_000_000n).toString().padStart(6, '0')}`;
}

const usageEvents = (userId: string) =>
  withClient(t.databaseUrl, async (c) => (await c.query('select status, charged, model_id from usage_event where user_id = $1', [userId])).rows);

describe('complete with sandbox/echo', () => {
  it('echoes the prompt, charges exactly the priced usage, and leaves nothing held', async () => {
    const user = await signUp(t);
    const prompt = 'Tell me about toll gates and metering.';
    const res = await t.gql(COMPLETE, { i: { model: 'sandbox/echo', prompt, maxTokens: 50 } }, user.token);
    expect(res.errors).toBeUndefined();
    const c = res.data!.complete;
    expect(c).toMatchObject({ model: 'sandbox/echo', content: prompt, cached: false });
    expect(c.charged).toBe(sandboxCharge(prompt, prompt));
    const balance = (await t.gql(BALANCE, {}, user.token)).data!.creditBalance;
    expect(balance.held).toBe('0.000000');
    expect(c.balance.available).toBe(balance.available);
    expect(Number(balance.balance)).toBeCloseTo(10 - Number(c.charged), 6);
    expect(await usageEvents(user.id)).toEqual([{ status: 'ok', charged: String(BigInt(c.charged.replace('.', ''))), model_id: 'sandbox/echo' }]);
  });

  it('cuts the reply to maxTokens', async () => {
    const user = await signUp(t);
    const res = await t.gql(COMPLETE, { i: { model: 'sandbox/echo', prompt: 'one two three four five six seven eight nine ten', maxTokens: 3 } }, user.token);
    expect(res.data!.complete.usage.outputTokens).toBe(3);
  });

  it('returns the first result to a retry with the same idempotency key, charged once', async () => {
    const user = await signUp(t);
    const input = { model: 'sandbox/echo', prompt: 'retry me', idempotencyKey: 'req-1' };
    const first = (await t.gql(COMPLETE, { i: input }, user.token)).data!.complete;
    const second = (await t.gql(COMPLETE, { i: input }, user.token)).data!.complete;
    expect(second.id).toBe(first.id);
    expect((await t.gql(BALANCE, {}, user.token)).data!.creditBalance.balance).toBe(first.balance.available);
    expect(errorCode(await t.gql(COMPLETE, { i: { ...input, prompt: 'something else' } }, user.token))).toBe('IDEMPOTENCY_CONFLICT');
  });
});

describe('refusals charge nothing', () => {
  it.each([
    ['an unknown model', { model: 'nope/nothing', prompt: 'hi' }, 'NOT_FOUND'],
    ['empty messages', { model: 'sandbox/echo', messages: [] }, 'BAD_USER_INPUT'],
    ['both prompt and messages', { model: 'sandbox/echo', prompt: 'a', messages: [{ role: 'user', content: 'b' }] }, 'BAD_USER_INPUT'],
    ['an unknown role', { model: 'sandbox/echo', messages: [{ role: 'wizard', content: 'b' }] }, 'BAD_USER_INPUT'],
    ['maxTokens 0', { model: 'sandbox/echo', prompt: 'hi', maxTokens: 0 }, 'BAD_USER_INPUT'],
    ['maxTokens above the tier cap', { model: 'sandbox/echo', prompt: 'hi', maxTokens: 4000 }, 'TIER_LIMIT_EXCEEDED'],
    ['temperature 3', { model: 'sandbox/echo', prompt: 'hi', temperature: 3 }, 'BAD_USER_INPUT'],
    ['a model outside the tier', { model: 'anthropic/claude-3-opus', prompt: 'hi' }, 'MODEL_NOT_ALLOWED'],
    ['a model whose provider has no key', { model: 'openai/gpt-4o-mini', prompt: 'hi' }, 'PROVIDER_UNAVAILABLE'],
  ])('answers %s with its code', async (_name, input, code) => {
    const user = await signUp(t);
    const res = await t.gql(COMPLETE, { i: input }, user.token);
    expect(errorCode(res)).toBe(code);
    expect((await t.gql(BALANCE, {}, user.token)).data!.creditBalance).toEqual({ balance: '10.000000', held: '0.000000', available: '10.000000' });
  });

  it('refuses a call whose worst case the balance cannot cover', async () => {
    const user = await signUp(t);
    await t.gql(
      `mutation($i: AdminCreditInput!) { adminDeductCredits(input: $i) { id } }`,
      { i: { userId: user.id, amount: '9.999999', reason: 'drain', idempotencyKey: 'drain' } },
      admin,
    );
    expect(errorCode(await t.gql(COMPLETE, { i: { model: 'sandbox/echo', prompt: 'hello', maxTokens: 1000 } }, user.token))).toBe('INSUFFICIENT_CREDITS');
    expect((await t.gql(BALANCE, {}, user.token)).data!.creditBalance).toEqual({ balance: '0.000001', held: '0.000000', available: '0.000001' });
  });

  it('needs the completions scope on an API key', async () => {
    const user = await signUp(t);
    const readOnly = await createKey(t, user.token, ['read']);
    expect(errorCode(await t.gql(COMPLETE, { i: { model: 'sandbox/echo', prompt: 'hi' } }, readOnly.secret))).toBe('FORBIDDEN');
    const completions = await createKey(t, user.token, ['completions']);
    expect((await t.gql(COMPLETE, { i: { model: 'sandbox/echo', prompt: 'hi' } }, completions.secret)).data!.complete.content).toBe('hi');
  });
});
