import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_ADMIN, type TestApp } from '../../../test-support/app.js';
import { SIGN_IN, signUp } from '../../auth/__tests__/helpers.js';
import { withClient } from '../../../test-support/database.js';

const ADVICE = `{ tierRecommendation { currentTier recommendedTier projectedMonthlySpend requestsThisMonth show reasoning
  options { tier monthlyCostUsd projectedCredits overageCredits } } }`;

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.gql(SIGN_IN, { input: TEST_ADMIN })).data!.signIn.token;
});
afterAll(async () => {
  await t?.stop();
});

async function spendUsage(userId: string, credits: bigint, times = 1) {
  await t.gql(
    `mutation($i: AdminCreditInput!) { adminGrantCredits(input: $i) { id } }`,
    { i: { userId, amount: `${credits * BigInt(times)}`, reason: 'funding', idempotencyKey: `fund-${Math.random()}` } },
    admin,
  );
  for (let i = 0; i < times; i++) {
    await t.app.services.ledger.spend({
      userId,
      amount: credits * 1_000_000n,
      idempotencyKey: `use-${i}-${Math.random()}`,
      actor: { type: 'user', id: userId },
      description: 'completion',
    });
  }
}

describe('tierRecommendation', () => {
  it('keeps a light user on free, where nothing is cheaper', async () => {
    const user = await signUp(t);
    await spendUsage(user.id, 1n);
    const advice = (await t.gql(ADVICE, {}, user.token)).data!.tierRecommendation;
    expect(advice).toMatchObject({ currentTier: 'free', recommendedTier: 'free', requestsThisMonth: 1, show: false });
    expect(advice.reasoning).toMatch(/already your cheapest/);
    expect(advice.options.map((o: { tier: string }) => o.tier)).toEqual(['free', 'starter', 'pro', 'enterprise']);
  });

  it('recommends the tier whose subscription beats paying for the usage as credits', async () => {
    const user = await signUp(t);
    // 3,000 credits of usage in a month: $30 as credits on free; starter $9 + 2,000 × 1.0 overage = $29; pro $29 with 3,500 included.
    await spendUsage(user.id, 3_000n);
    // Backdate the account so the spend is not extrapolated from a single day.
    await withClient(t.databaseUrl, (c) => c.query(`update credit_account set created_at = now() - interval '40 days' where user_id = $1`, [user.id]));
    const advice = (await t.gql(ADVICE, {}, user.token)).data!.tierRecommendation;
    expect(advice.projectedMonthlySpend).toBe('3000.000000');
    const cost = Object.fromEntries(advice.options.map((o: { tier: string; monthlyCostUsd: string }) => [o.tier, o.monthlyCostUsd]));
    expect(cost.free).toBe('$30.00');
    expect(advice.recommendedTier).not.toBe('free');
    const best = Math.min(...Object.values(cost).map((c) => Number(String(c).slice(1))));
    expect(Number(cost[advice.recommendedTier].slice(1))).toBe(best);
  });

  it("extrapolates a young account's spend to a month", async () => {
    const user = await signUp(t);
    await spendUsage(user.id, 10n);
    const advice = (await t.gql(ADVICE, {}, user.token)).data!.tierRecommendation;
    // One day old: 10 credits a day is 300 a month.
    expect(advice.projectedMonthlySpend).toBe('300.000000');
  });

  it('asks to be shown once 80% of the monthly request cap is used', async () => {
    const user = await signUp(t);
    await t.gql(`mutation { adminUpdateTier(code: "starter", input: { monthlyRequestCap: 5 }) { code } }`, {}, admin);
    await t.gql(`mutation { adminSetTier(userId: "${user.id}", tier: "starter") { id } }`, {}, admin);
    await spendUsage(user.id, 1n, 3);
    expect((await t.gql(ADVICE, {}, user.token)).data!.tierRecommendation.show).toBe(false);
    await spendUsage(user.id, 1n, 1);
    expect((await t.gql(ADVICE, {}, user.token)).data!.tierRecommendation).toMatchObject({ requestsThisMonth: 4, show: true });
  });

  it('refuses the unauthenticated', async () => {
    expect((await t.gql(ADVICE)).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });
});
