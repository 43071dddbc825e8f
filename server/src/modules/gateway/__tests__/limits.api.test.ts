import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { errorCode, startTestApp, TEST_ADMIN, type TestApp } from '../../../test-support/app.js';
import { createKey, SIGN_IN, uniqueEmail } from '../../auth/__tests__/helpers.js';

const COMPLETE = `mutation($i: CompletionInput!) { complete(input: $i) { id charged } }`;
const redisUrl = inject('redisUrl');

let t: TestApp;
let admin: string;
let ip = 0;
const hi = { model: 'sandbox/echo', prompt: 'hi', maxTokens: 5 };

beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.gql(SIGN_IN, { input: TEST_ADMIN })).data!.signIn.token;
});
afterAll(async () => {
  await t?.stop();
});

async function userOnTier(app: TestApp, tier: string) {
  ip += 1;
  const res = await app.gql(
    `mutation($input: SignUpInput!) { signUp(input: $input) { token user { id } } }`,
    { input: { email: uniqueEmail('limits'), password: 'correct-horse-7' } },
    undefined,
    { 'x-forwarded-for': `198.51.100.${ip}` },
  );
  const user = { token: res.data!.signUp.token as string, id: res.data!.signUp.user.id as string };
  await app.gql(`mutation { adminSetTier(userId: "${user.id}", tier: "${tier}") { id } }`, {}, admin);
  return user;
}

describe('requests per minute', () => {
  it('admits the free tier 20 completions a minute, then answers RATE_LIMITED with retryAfterSeconds and charges nothing', async () => {
    const user = await userOnTier(t, 'free');
    for (let i = 0; i < 20; i++) expect((await t.gql(COMPLETE, { i: hi }, user.token)).errors).toBeUndefined();
    const before = (await t.gql('{ creditBalance { balance } }', {}, user.token)).data!.creditBalance.balance;
    const limited = await t.gql(COMPLETE, { i: hi }, user.token);
    expect(errorCode(limited)).toBe('RATE_LIMITED');
    expect(limited.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThan(0);
    expect((await t.gql('{ creditBalance { balance } }', {}, user.token)).data!.creditBalance.balance).toBe(before);
  });

  it('counts per API key as well as per user', async () => {
    const user = await userOnTier(t, 'free');
    const key = await createKey(t, user.token, ['completions']);
    for (let i = 0; i < 20; i++) await t.gql(COMPLETE, { i: hi }, key.secret);
    expect(errorCode(await t.gql(COMPLETE, { i: hi }, key.secret))).toBe('RATE_LIMITED');
    // The user's own budget is spent too: a session is refused as well.
    expect(errorCode(await t.gql(COMPLETE, { i: hi }, user.token))).toBe('RATE_LIMITED');
  });
});

describe('monthly caps', () => {
  it('refuses with TIER_LIMIT_EXCEEDED once the monthly request cap is used', async () => {
    await t.gql(`mutation { adminUpdateTier(code: "enterprise", input: { monthlyRequestCap: 3 }) { code } }`, {}, admin);
    try {
      const user = await userOnTier(t, 'enterprise');
      for (let i = 0; i < 3; i++) expect((await t.gql(COMPLETE, { i: hi }, user.token)).errors).toBeUndefined();
      expect(errorCode(await t.gql(COMPLETE, { i: hi }, user.token))).toBe('TIER_LIMIT_EXCEEDED');
    } finally {
      await t.gql(`mutation { adminUpdateTier(code: "enterprise", input: { monthlyRequestCap: 500000 }) { code } }`, {}, admin);
    }
  });

  it('refuses a request that would pass the monthly token allowance', async () => {
    await t.gql(`mutation { adminUpdateTier(code: "pro", input: { monthlyTokenAllowance: 100, overage: "block" }) { code } }`, {}, admin);
    try {
      const user = await userOnTier(t, 'pro');
      const res = await t.gql(COMPLETE, { i: { model: 'sandbox/echo', prompt: 'hi', maxTokens: 200 } }, user.token);
      expect(errorCode(res)).toBe('TIER_LIMIT_EXCEEDED');
      expect((await t.gql(COMPLETE, { i: { model: 'sandbox/echo', prompt: 'hi', maxTokens: 20 } }, user.token)).errors).toBeUndefined();
    } finally {
      await t.gql(`mutation { adminUpdateTier(code: "pro", input: { monthlyTokenAllowance: 10000000, overage: "credits" }) { code } }`, {}, admin);
    }
  });
});

describe.skipIf(!redisUrl)('two server instances sharing Redis', () => {
  it("admit at most the tier's 60 a minute across both", async () => {
    const one = await startTestApp({ REDIS_URL: redisUrl! });
    const two = await startTestApp({ REDIS_URL: redisUrl! }, { databaseUrl: one.databaseUrl });
    try {
      const oneAdmin = (await one.gql(SIGN_IN, { input: TEST_ADMIN })).data!.signIn.token;
      ip += 1;
      const res = await one.gql(
        `mutation($input: SignUpInput!) { signUp(input: $input) { token user { id } } }`,
        { input: { email: uniqueEmail('replicas'), password: 'correct-horse-7' } },
        undefined,
        { 'x-forwarded-for': `198.51.100.${ip}` },
      );
      const user = { token: res.data!.signUp.token as string, id: res.data!.signUp.user.id as string };
      await one.gql(`mutation { adminSetTier(userId: "${user.id}", tier: "starter") { id } }`, {}, oneAdmin);
      const results = await Promise.all(Array.from({ length: 70 }, (_, i) => (i % 2 ? one : two).gql(COMPLETE, { i: hi }, user.token)));
      const admitted = results.filter((r) => !r.errors).length;
      expect(admitted).toBe(60);
      expect(results.filter((r) => errorCode(r) === 'RATE_LIMITED')).toHaveLength(10);
    } finally {
      await two.stop();
      await one.stop();
    }
  });
});
