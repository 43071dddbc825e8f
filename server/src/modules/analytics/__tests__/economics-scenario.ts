/**
 * The per-user economics scenario, hand-computed (docs/analytics.md, "Per-user economics and
 * runway"). Range [today − 9, today + 1). Sign-up gives every user 10 credits.
 *
 * A (pro): buys the $5.00 starter pack (500 credits) in test mode; one real sandbox/echo
 *   completion today (charged `real.charged`, cost `real.costNano`); rollup-only: day −3 charged
 *   3.5 credits at $0.002 cost, day −1 a BYOK call ($0.005, not our cost), day −2 a cache hit,
 *   day −20 charged 60 credits at $0.01 (outside the range, inside 30 days), day −40 charged 9
 *   (outside everything).
 * B: day −10 charged 30 credits at $0.003 (outside the range and the 7 days); day −1 a failed
 *   call that cost $0.000120 (our cost, no charge). burn7 0, burn30 1 credit → runway 10.0 days.
 * C: nothing. Runway null.
 * D: today charged 21 credits → burn7 3 credits, runway ⌊10 ÷ 3 × 10⌋ / 10 = 3.3.
 * E: day −6 charged 14 (inside the 7 days), day −7 charged 7 (outside them) → burn7 2,
 *   burn30 0.7, runway 5.0.
 */
import { randomUUID } from 'node:crypto';
import { parseCredits } from '@tollgate/shared';
import type { TestApp } from '../../../test-support/app.js';
import { BUY } from '../../billing/__tests__/billing-support.js';
import { newUser, ok, type User } from '../../gateway/__tests__/support.js';
import { midnight, noon, recordAt } from './economics-support.js';

export const M = 1_000_000n;

export interface Scenario {
  a: User;
  b: User;
  c: User;
  d: User;
  e: User;
  real: { charged: bigint; costNano: bigint };
}

const COMPLETE = `mutation($i: CompletionInput!) { complete(input: $i) { id charged usage { inputTokens outputTokens } } }`;

/** Buys a package through the test checkout page's Pay button (test mode: no Stripe key). */
async function buyInTestMode(t: TestApp, user: User, packageCode: string): Promise<void> {
  const session = ok(await t.gql(BUY, { i: { packageCode, idempotencyKey: randomUUID() } }, user.token), 'buyCredits');
  const res = await fetch(`${t.url}${new URL(session.url).pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'action=pay',
    redirect: 'manual',
  });
  if (res.status !== 303) throw new Error(`test checkout answered ${res.status}`);
}

export async function buildScenario(t: TestApp, admin: string): Promise<Scenario> {
  const a = await newUser(t, admin, 'econ-a', 'pro');
  const b = await newUser(t, admin, 'econ-b');
  const c = await newUser(t, admin, 'econ-c');
  const d = await newUser(t, admin, 'econ-d');
  const e = await newUser(t, admin, 'econ-e');

  await buyInTestMode(t, a, 'starter-pack');
  const done = ok(await t.gql(COMPLETE, { i: { model: 'sandbox/echo', prompt: 'economics', maxTokens: 20, useCache: false } }, a.token), 'complete');
  // sandbox/echo lists at $1 per 1M input tokens and $2 per 1M output tokens: 1,000 and 2,000 nano-dollars a token.
  const real = { charged: parseCredits(done.charged), costNano: BigInt(done.usage.inputTokens) * 1000n + BigInt(done.usage.outputTokens) * 2000n };

  await recordAt(t, a.id, noon(-3), { charged: 3_500_000n, costNano: 2_000_000n, inputTokens: 500, outputTokens: 100 });
  await recordAt(t, a.id, noon(-1), { byok: true, costNano: 5_000_000n, inputTokens: 900, outputTokens: 100 });
  await recordAt(t, a.id, noon(-2), { status: 'cached', cached: true, saved: 1_000n, inputTokens: 10, outputTokens: 10 });
  await recordAt(t, a.id, noon(-20), { charged: 60_000_000n, costNano: 10_000_000n });
  await recordAt(t, a.id, noon(-40), { charged: 9_000_000n, costNano: 1_000_000n });

  await recordAt(t, b.id, noon(-10), { charged: 30_000_000n, costNano: 3_000_000n });
  await recordAt(t, b.id, noon(-1), { status: 'error', errorCode: 'SETTLE_FAILED', costNano: 120_000n });

  // Today, at its first second: whatever the hour of the run, it is today in UTC and in the past.
  await recordAt(t, d.id, new Date(midnight(0).getTime() + 1000), { charged: 21_000_000n });
  await recordAt(t, e.id, noon(-6), { charged: 14_000_000n });
  await recordAt(t, e.id, noon(-7), { charged: 7_000_000n });
  return { a, b, c, d, e, real };
}
