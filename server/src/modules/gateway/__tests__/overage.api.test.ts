/**
 * Overage past the monthly token allowance (docs/decisions/0020-overage.md), through the API on
 * sandbox/echo ($1/$2 per 1M tokens) on the starter tier (10% markup), against real PostgreSQL and
 * Redis. Every expected amount is computed here from the prices, not by the server's pricing code.
 */
import { parseCredits } from '@tollgate/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, type TestApp } from '../../../test-support/app.js';
import { balanceOf, ledgerAudit, newUser, ok, setAvailable, signInAdmin, snapshot, startGatewayApp, type User } from './support.js';

const COMPLETE = `mutation($i: CompletionInput!) { complete(input: $i) { id charged usage { inputTokens outputTokens } } }`;
const OVERAGE = `{ overage { periodStart periodEnd policy surchargeBps allowanceTokens usedTokens remainingTokens overageTokens overageCredits surchargeCredits } }`;
const UPDATE_TIER = `mutation($c: String!, $i: TierInput!) { adminUpdateTier(code: $c, input: $i) { code overage overageSurchargeBps } }`;

const INPUT_NANO = 1_000n; // $1 per 1M
const OUTPUT_NANO = 2_000n; // $2 per 1M
const MARKUP = 1_000n; // starter's own markup: 10%
const SURCHARGE = 2_500n; // the starter seed: +25%
// The echo repeats the prompt: a longer prompt gives both parts of a call enough tokens to split.
const PROMPT = 'Toll gates meter every call: count the tokens, hold the worst case, settle the rest, and publish the balance.';

/** ⌈ (in-allowance cost × (1+m) + overage cost × (1+m) × (1+s)) in micro-credits ⌉, at $0.01 a credit, rounded once. */
function expectedCharge(inside: { i: bigint; o: bigint }, over: { i: bigint; o: bigint }, surcharge = SURCHARGE): bigint {
  const cost = (u: { i: bigint; o: bigint }) => u.i * INPUT_NANO + u.o * OUTPUT_NANO;
  const num = (cost(inside) * 10_000n + cost(over) * (10_000n + surcharge)) * (10_000n + MARKUP) * 1_000_000n;
  const den = 10_000n * 10_000n * 10_000n * 1_000n;
  return (num + den - 1n) / den;
}

let t: TestApp;
let admin: string;
let usage: { i: bigint; o: bigint };

async function starter(edit: Record<string, unknown>): Promise<void> {
  ok(await t.gql(UPDATE_TIER, { c: 'starter', i: edit }, admin), 'adminUpdateTier');
}

async function complete(user: User, maxTokens = 200) {
  return t.gql(COMPLETE, { i: { model: 'sandbox/echo', prompt: PROMPT, maxTokens, useCache: false } }, user.token);
}

async function overage(user: User) {
  return ok(await t.gql(OVERAGE, {}, user.token), 'overage');
}

beforeAll(async () => {
  t = await startGatewayApp('overage');
  admin = await signInAdmin(t);
  // Calibrate: the echo's usage for PROMPT, well inside starter's seeded allowance.
  const probe = await newUser(t, admin, 'overage-probe', 'starter');
  const res = ok(await complete(probe), 'complete');
  usage = { i: BigInt(res.usage.inputTokens), o: BigInt(res.usage.outputTokens) };
  expect(usage.i).toBeGreaterThan(10n);
  expect(usage.o).toBeGreaterThan(10n);
  expect(parseCredits(res.charged)).toBe(expectedCharge(usage, { i: 0n, o: 0n }));
});

afterAll(async () => {
  if (t) {
    await starter({ overage: 'credits', overageSurchargeBps: 2500, monthlyTokenAllowance: 2_000_000, monthlyRequestCap: 10_000 }).catch(() => undefined);
    await t.stop();
  }
});

describe('the seeded tiers', () => {
  it('expose their overage policy and surcharge on Tier', async () => {
    const tiers = ok<Array<{ code: string; overage: string; overageSurchargeBps: number }>>(
      await t.gql('{ tiers { code overage overageSurchargeBps } }'),
      'tiers',
    );
    expect(Object.fromEntries(tiers.map((x) => [x.code, [x.overage, x.overageSurchargeBps]]))).toEqual({
      free: ['block', 0],
      starter: ['credits', 2500],
      pro: ['credits', 1500],
      enterprise: ['credits', 0],
    });
  });

  it('refuses an unknown policy or a negative surcharge with BAD_USER_INPUT and changes nothing', async () => {
    expect(errorCode(await t.gql(UPDATE_TIER, { c: 'starter', i: { overage: 'forgive' } }, admin))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(UPDATE_TIER, { c: 'starter', i: { overageSurchargeBps: -1 } }, admin))).toBe('BAD_USER_INPUT');
    const tiers = ok<Array<{ code: string; overage: string; overageSurchargeBps: number }>>(
      await t.gql('{ tiers { code overage overageSurchargeBps } }'),
      'tiers',
    );
    expect(tiers.find((x) => x.code === 'starter')).toEqual({ code: 'starter', overage: 'credits', overageSurchargeBps: 2500 });
  });
});

describe('a block tier past its allowance', () => {
  it('refuses with TIER_LIMIT_EXCEEDED and charges nothing', async () => {
    await starter({ overage: 'block', monthlyTokenAllowance: Number(usage.i + usage.o) + 10 });
    const user = await newUser(t, admin, 'overage-block', 'starter');
    // The first call's worst case (prompt + 5 output tokens) fits; the second's would pass the allowance.
    expect((await complete(user, 5)).errors).toBeUndefined();
    const before = await snapshot(t, user.token);
    expect(errorCode(await complete(user))).toBe('TIER_LIMIT_EXCEEDED');
    expect(await snapshot(t, user.token)).toEqual(before);
    const o = await overage(user);
    expect(o).toMatchObject({ policy: 'block', overageTokens: 0, overageCredits: '0.000000', surchargeCredits: '0.000000' });
  });
});

describe('a credits tier past its allowance', () => {
  it('lets a call wholly past the allowance through, charged at the surcharged price', async () => {
    await starter({ overage: 'credits', overageSurchargeBps: Number(SURCHARGE), monthlyTokenAllowance: 0 });
    const user = await newUser(t, admin, 'overage-all', 'starter');
    const before = await balanceOf(t, user.token);
    const res = ok(await complete(user), 'complete');
    const charge = expectedCharge({ i: 0n, o: 0n }, usage);
    expect(parseCredits(res.charged)).toBe(charge);
    const after = await balanceOf(t, user.token);
    expect(before.balance - after.balance).toBe(charge);
    expect(after.held).toBe(0n);
    const o = await overage(user);
    expect(o).toMatchObject({
      policy: 'credits',
      surchargeBps: 2500,
      allowanceTokens: 0,
      usedTokens: Number(usage.i + usage.o),
      remainingTokens: 0,
      overageTokens: Number(usage.i + usage.o),
    });
    expect(parseCredits(o.overageCredits)).toBe(charge);
    expect(parseCredits(o.surchargeCredits)).toBe(charge - expectedCharge(usage, { i: 0n, o: 0n }));
  });

  it('charges a call that straddles the allowance the normal price inside and the surcharged price past it; overage sums exactly', async () => {
    const half = usage.o / 2n;
    await starter({ overage: 'credits', overageSurchargeBps: Number(SURCHARGE), monthlyTokenAllowance: Number(usage.i + half) });
    const user = await newUser(t, admin, 'overage-straddle', 'starter');
    const before = await balanceOf(t, user.token);
    // 1st: the allowance runs out inside the output. 2nd: wholly past it.
    const first = ok(await complete(user), 'complete');
    const firstCharge = expectedCharge({ i: usage.i, o: half }, { i: 0n, o: usage.o - half });
    expect(parseCredits(first.charged)).toBe(firstCharge);
    const second = ok(await complete(user), 'complete');
    const secondCharge = expectedCharge({ i: 0n, o: 0n }, usage);
    expect(parseCredits(second.charged)).toBe(secondCharge);
    expect(before.balance - (await balanceOf(t, user.token)).balance).toBe(firstCharge + secondCharge);

    const plain = expectedCharge(usage, { i: 0n, o: 0n }); // the same call with no surcharge
    const insideFirst = expectedCharge({ i: usage.i, o: half }, { i: 0n, o: 0n });
    const o = await overage(user);
    expect(o).toMatchObject({ usedTokens: Number(2n * (usage.i + usage.o)), remainingTokens: 0, overageTokens: Number(usage.o - half + usage.i + usage.o) });
    expect(parseCredits(o.overageCredits)).toBe(firstCharge - insideFirst + secondCharge);
    expect(parseCredits(o.surchargeCredits)).toBe(firstCharge - plain + (secondCharge - plain));
  });

  it('splits inside the prompt when the allowance runs out there', async () => {
    const part = usage.i / 3n;
    await starter({ overage: 'credits', overageSurchargeBps: Number(SURCHARGE), monthlyTokenAllowance: Number(part) });
    const user = await newUser(t, admin, 'overage-prompt', 'starter');
    const res = ok(await complete(user), 'complete');
    expect(parseCredits(res.charged)).toBe(expectedCharge({ i: part, o: 0n }, { i: usage.i - part, o: usage.o }));
    expect((await overage(user)).overageTokens).toBe(Number(usage.i + usage.o - part));
  });

  it('holds the worst case with the surcharge: the unsurcharged worst case alone is INSUFFICIENT_CREDITS', async () => {
    await starter({ overage: 'credits', overageSurchargeBps: Number(SURCHARGE), monthlyTokenAllowance: 0 });
    const user = await newUser(t, admin, 'overage-hold', 'starter');
    const maxTokens = 100n;
    const plainWorst = expectedCharge({ i: usage.i, o: maxTokens }, { i: 0n, o: 0n });
    const surchargedWorst = expectedCharge({ i: 0n, o: 0n }, { i: usage.i, o: maxTokens });
    await setAvailable(t, admin, user, plainWorst);
    const before = await snapshot(t, user.token);
    expect(errorCode(await complete(user, Number(maxTokens)))).toBe('INSUFFICIENT_CREDITS');
    expect(await snapshot(t, user.token)).toEqual(before);
    await setAvailable(t, admin, user, surchargedWorst);
    const res = ok(await complete(user, Number(maxTokens)), 'complete');
    expect(parseCredits(res.charged)).toBe(expectedCharge({ i: 0n, o: 0n }, usage));
  });

  it('charges no surcharge on a tier whose surcharge is 0 (enterprise-like), while still counting the overage', async () => {
    await starter({ overage: 'credits', overageSurchargeBps: 0, monthlyTokenAllowance: 0 });
    const user = await newUser(t, admin, 'overage-zero', 'starter');
    const res = ok(await complete(user), 'complete');
    expect(parseCredits(res.charged)).toBe(expectedCharge(usage, { i: 0n, o: 0n }));
    const o = await overage(user);
    expect(o.overageTokens).toBe(Number(usage.i + usage.o));
    expect(parseCredits(o.overageCredits)).toBe(parseCredits(res.charged));
    expect(o.surchargeCredits).toBe('0.000000');
  });

  it('counts a cache hit past the allowance as overage tokens but never surcharges it', async () => {
    await starter({ overage: 'credits', overageSurchargeBps: Number(SURCHARGE), monthlyTokenAllowance: 0 });
    const user = await newUser(t, admin, 'overage-cache', 'starter');
    const input = { model: 'sandbox/echo', prompt: PROMPT, maxTokens: 200 };
    const first = ok(await t.gql(COMPLETE, { i: input }, user.token), 'complete');
    const hit = ok(await t.gql(COMPLETE, { i: input }, user.token), 'complete');
    expect(parseCredits(hit.charged)).toBe(0n);
    const o = await overage(user);
    expect(o.overageTokens).toBe(Number(2n * (usage.i + usage.o)));
    expect(parseCredits(o.overageCredits)).toBe(parseCredits(first.charged));
  });

  it('still refuses past the monthly request cap', async () => {
    await starter({ overage: 'credits', overageSurchargeBps: Number(SURCHARGE), monthlyTokenAllowance: 0, monthlyRequestCap: 1 });
    try {
      const user = await newUser(t, admin, 'overage-cap', 'starter');
      expect((await complete(user)).errors).toBeUndefined();
      const before = await snapshot(t, user.token);
      expect(errorCode(await complete(user))).toBe('TIER_LIMIT_EXCEEDED');
      expect(await snapshot(t, user.token)).toEqual(before);
    } finally {
      await starter({ monthlyRequestCap: 10_000 });
    }
  });
});

describe('the overage query', () => {
  it('covers this UTC calendar month and needs a signed-in caller', async () => {
    const user = await newUser(t, admin, 'overage-period', 'free');
    const o = await overage(user);
    const now = new Date();
    expect(new Date(o.periodStart).toISOString()).toBe(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString());
    expect(new Date(o.periodEnd).toISOString()).toBe(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString());
    expect(o).toMatchObject({ policy: 'block', allowanceTokens: 200_000, usedTokens: 0, remainingTokens: 200_000, overageTokens: 0 });
    expect(errorCode(await t.gql(OVERAGE))).toBe('UNAUTHENTICATED');
  });
});

describe('the ledger', () => {
  it('audits clean after every overage charge', async () => {
    const audit = await ledgerAudit(t, admin);
    expect(audit.violations).toEqual([]);
    expect(audit.accountsChecked).toBeGreaterThan(5);
  });
});
