/**
 * 500 concurrent completions against an account that affords exactly 100 worst-case holds
 * (issue 5, Tests): no overdraft, the ledger's invariants hold, and the successes are exactly what
 * the balance paid for. Real server, real PostgreSQL (and Redis when the run has one), real HTTP.
 */
import { parseCredits } from '@tollgate/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, type GqlResult, type TestApp } from '../../../test-support/app.js';
import { withClient } from '../../../test-support/database.js';
import { balanceOf, COMPLETE, ledgerAudit, newUser, ok, setAvailable, signInAdmin, startGatewayApp, sum, usageEntries, type User } from './support.js';

const CALLS = 500;
const AFFORDABLE = 100n;
const MAX_TOKENS = 64;
const TIER = 'starter';
/** Much longer than MAX_TOKENS: the echo fills the whole output budget, so a success costs its full worst case. */
const LONG_PROMPT = Array.from({ length: 200 }, (_, i) => `gate${i}`).join(' ');
/** Shorter than MAX_TOKENS: a success costs less than its hold, so later holds may fit more calls. */
const SHORT_PROMPT = 'What does a toll gate do?';

let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await startGatewayApp('concurrency');
  admin = await signInAdmin(t);
  // The tier's per-minute limit would refuse most of the burst before the ledger is reached: lift it.
  const tier = ok(
    await t.gql(`mutation($c: String!) { adminUpdateTier(code: $c, input: { requestsPerMinute: 100000 }) { requestsPerMinute } }`, { c: TIER }, admin),
    'adminUpdateTier',
  );
  expect(tier.requestsPerMinute).toBe(100000);
});
afterAll(async () => {
  await t?.stop();
});

/** The hold the server takes for this request, as `estimateCost` prices it for this user. */
async function worstCase(user: User, prompt: string): Promise<bigint> {
  const query = `query($i: EstimateCostInput!) { estimateCost(input: $i) { maxOutputTokens maxCredits } }`;
  const e = ok(await t.gql(query, { i: { model: 'sandbox/echo', prompt, maxTokens: MAX_TOKENS } }, user.token), 'estimateCost');
  expect(e.maxOutputTokens).toBe(MAX_TOKENS);
  return parseCredits(e.maxCredits);
}

interface Burst {
  successes: Array<{ id: string; charged: bigint; outputTokens: number }>;
  failureCodes: Array<string | undefined>;
  ms: number;
}

/** CALLS completions at once, each on its own connection (Node's fetch opens as many as are asked for). */
async function burst(user: User, prompt: string): Promise<Burst> {
  const input = { model: 'sandbox/echo', prompt, maxTokens: MAX_TOKENS, useCache: false };
  const started = Date.now();
  const results: GqlResult[] = await Promise.all(Array.from({ length: CALLS }, () => t.gql(COMPLETE, { i: input }, user.token)));
  const ms = Date.now() - started;
  const successes = results
    .filter((r) => !r.errors)
    .map((r) => ({
      id: r.data!.complete.id as string,
      charged: parseCredits(r.data!.complete.charged),
      outputTokens: r.data!.complete.usage.outputTokens as number,
    }));
  return { successes, failureCodes: results.filter((r) => r.errors).map(errorCode), ms };
}

interface HoldRows {
  amounts: bigint[];
  statuses: Record<string, number>;
  settled: bigint;
  /** The most holds open on the account at one instant: the calls really overlapped in the server. */
  peakOpen: number;
}

async function holdsOf(userId: string): Promise<HoldRows> {
  return withClient(t.databaseUrl, async (c) => {
    const rows = (
      await c.query(`select h.amount, h.status, h.settled_amount from credit_hold h join credit_account a on a.id = h.account_id where a.user_id = $1`, [
        userId,
      ])
    ).rows as Array<{ amount: string; status: string; settled_amount: string | null }>;
    const peak = (
      await c.query(
        `with h as (select h.created_at, h.closed_at from credit_hold h join credit_account a on a.id = h.account_id where a.user_id = $1),
            ev as (select created_at as at, 1 as d from h union all select coalesce(closed_at, 'infinity'), -1 from h)
       select coalesce(max(open), 0)::int as peak from (select sum(d) over (order by at, d rows unbounded preceding) as open from ev) x`,
        [userId],
      )
    ).rows[0].peak as number;
    const statuses: Record<string, number> = {};
    for (const r of rows) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    return { amounts: rows.map((r) => BigInt(r.amount)), statuses, settled: sum(rows.map((r) => BigInt(r.settled_amount ?? 0))), peakOpen: peak };
  });
}

/** What must hold after any burst, whatever the interleaving. */
async function expectBookkeepingAddsUp(user: User, start: bigint, worst: bigint, b: Burst): Promise<void> {
  const charged = sum(b.successes.map((s) => s.charged));
  // Every refusal was for money: nothing rate-limited, nothing failed for another reason.
  expect(new Set(b.failureCodes)).toEqual(new Set(b.failureCodes.length ? ['INSUFFICIENT_CREDITS'] : []));
  expect(b.successes.length + b.failureCodes.length).toBe(CALLS);
  expect(new Set(b.successes.map((s) => s.id)).size).toBe(b.successes.length);

  const end = await balanceOf(t, user.token);
  expect(end.held).toBe(0n);
  expect(end.balance).toBeGreaterThanOrEqual(0n);
  expect(end.balance).toBe(start - charged);

  // The usage entries are the successes' charges, one each, and nothing else.
  const entries = await usageEntries(t, user.token);
  expect(entries).toHaveLength(b.successes.length);
  expect(sum(entries)).toBe(-charged);

  // One hold per admitted call, each the worst case, all closed; the settled amounts are the charges.
  const holds = await holdsOf(user.id);
  expect(holds.amounts).toHaveLength(b.successes.length);
  expect(holds.amounts.every((a) => a === worst)).toBe(true);
  expect(holds.statuses).toEqual(b.successes.length ? { settled: b.successes.length } : {});
  expect(holds.settled).toBe(charged);

  expect((await ledgerAudit(t, admin)).violations).toEqual([]);
}

describe(`${CALLS} concurrent completions against a balance of exactly ${AFFORDABLE} worst-case holds`, () => {
  it('charges every success its full hold when the echo fills maxTokens: exactly 100 succeed, the rest are INSUFFICIENT_CREDITS, the balance ends at 0', async () => {
    const user = await newUser(t, admin, 'burst-full', TIER);
    const worst = await worstCase(user, LONG_PROMPT);
    await setAvailable(t, admin, user, AFFORDABLE * worst);
    const start = (await balanceOf(t, user.token)).balance;
    expect(start).toBe(AFFORDABLE * worst);

    const b = await burst(user, LONG_PROMPT);
    const holds = await holdsOf(user.id);
    console.info(`[concurrency] full-cost burst: ${CALLS} calls in ${b.ms} ms, ${b.successes.length} admitted, peak ${holds.peakOpen} holds open at once`);

    expect(b.successes.every((s) => s.charged === worst && s.outputTokens === MAX_TOKENS)).toBe(true);
    expect(b.successes).toHaveLength(Number(AFFORDABLE));
    expect(b.failureCodes).toHaveLength(CALLS - Number(AFFORDABLE));
    await expectBookkeepingAddsUp(user, start, worst, b);
    expect((await balanceOf(t, user.token)).balance).toBe(0n);
    expect(holds.peakOpen).toBeGreaterThan(1);
  });

  it('lets later calls use what earlier ones did not spend when the echo is shorter than maxTokens, and never more than the balance', async () => {
    const user = await newUser(t, admin, 'burst-short', TIER);
    const worst = await worstCase(user, SHORT_PROMPT);
    await setAvailable(t, admin, user, AFFORDABLE * worst);
    const start = (await balanceOf(t, user.token)).balance;

    const b = await burst(user, SHORT_PROMPT);
    const holds = await holdsOf(user.id);
    console.info(`[concurrency] short-echo burst: ${CALLS} calls in ${b.ms} ms, ${b.successes.length} admitted, peak ${holds.peakOpen} holds open at once`);

    const each = b.successes[0]!.charged;
    expect(each).toBeGreaterThan(0n);
    expect(each).toBeLessThan(worst);
    expect(b.successes.every((s) => s.charged === each)).toBe(true);
    expect(b.successes.length).toBeGreaterThanOrEqual(Number(AFFORDABLE));
    expect(BigInt(b.successes.length) * each).toBeLessThanOrEqual(start);
    await expectBookkeepingAddsUp(user, start, worst, b);
    expect(holds.peakOpen).toBeGreaterThan(1);
  });
});

describe('concurrent retries with one idempotency key', () => {
  const RETRIES = 20;
  const retries = async (user: User) => {
    const input = { model: 'sandbox/echo', prompt: 'charge me once', maxTokens: MAX_TOKENS, useCache: false, idempotencyKey: 'same-request-20-times' };
    return Promise.all(Array.from({ length: RETRIES }, () => t.gql(COMPLETE, { i: input }, user.token)));
  };

  it('charge once: one usage entry, the balance drops by its charge, every answer that succeeds is the same completion', async () => {
    const user = await newUser(t, admin, 'burst-retry', TIER);
    const start = (await balanceOf(t, user.token)).balance;
    const results = await retries(user);
    const answered = results.filter((r) => !r.errors).map((r) => r.data!.complete);
    expect(answered.length).toBeGreaterThan(0);
    expect(new Set(answered.map((c) => c.id)).size).toBe(1);
    const entries = await usageEntries(t, user.token);
    expect(entries).toEqual([-parseCredits(answered[0]!.charged)]);
    expect(await balanceOf(t, user.token)).toEqual({ balance: start + entries[0]!, held: 0n, available: start + entries[0]! });
    expect((await ledgerAudit(t, admin)).violations).toEqual([]);
  });

  // A retry that arrives while the first call is in flight waits for it and gets its answer (IdempotencyClaims).
  it('answers every concurrent retry of the same request with the same completion, none with an error', async () => {
    const user = await newUser(t, admin, 'burst-retry-codes', TIER);
    const results = await retries(user);
    expect(results.map(errorCode).filter(Boolean)).toEqual([]);
    expect(new Set(results.map((r) => r.data!.complete.id)).size).toBe(1);
  });
});
