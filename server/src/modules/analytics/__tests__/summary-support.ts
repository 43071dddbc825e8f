/** What the summary suites share: a test-mode app, paying through the test checkout, completions, the summary query. */
import { parseCredits } from '@tollgate/shared';
import type { TestApp } from '../../../test-support/app.js';
import { buy } from '../../billing/__tests__/billing-support.js';
import { COMPLETE, ok, type User } from '../../gateway/__tests__/support.js';

export const SUMMARY = `query($from: DateTime, $to: DateTime) { adminBillingSummary(from: $from, to: $to) {
  from to testMode grossRevenueUsd packagesRevenueUsd subscriptionsRevenueUsd autoRechargeRevenueUsd refundsUsd disputesUsd
  stripeFeesUsd paymentsWithoutFee netRevenueUsd providerCostUsd byokCostUsd grossProfitUsd marginPercent
  creditsSold creditsGranted creditsConsumed creditsExpired creditsClawedBack outstandingCredits outstandingPaidCredits
  outstandingPromotionalCredits outstandingLiabilityUsd mrrUsd activeSubscriptions
  subscriptionsByTier { tierCode tierName count mrrUsd }
  byDay { day grossRevenueUsd refundsUsd stripeFeesUsd netRevenueUsd providerCostUsd grossProfitUsd creditsSold creditsConsumed
    outstandingCredits outstandingPaidCredits outstandingLiabilityUsd mrrUsd activeSubscriptions }
  byTier { tierCode tierName users grossRevenueUsd netRevenueUsd activeSubscriptions mrrUsd requests creditsConsumed usageRevenueUsd providerCostUsd grossProfitUsd marginPercent }
  byModel { modelId provider requests cachedRequests errorRequests byokRequests inputTokens outputTokens creditsConsumed usageRevenueUsd providerCostUsd byokCostUsd grossProfitUsd marginPercent }
  byProvider { provider requests creditsConsumed providerCostUsd byokCostUsd grossProfitUsd }
} }`;

export type Summary = Record<string, any>;

export async function summary(t: TestApp, admin: string, from?: string | null, to?: string | null): Promise<Summary> {
  return ok(await t.gql(SUMMARY, { from: from ?? null, to: to ?? null }, admin), 'adminBillingSummary');
}

/** A decimal USD string ("12.340000", "-0.5") as micro-dollars. */
export function micro(value: string): bigint {
  const negative = value.startsWith('-');
  const [whole, fraction = ''] = (negative ? value.slice(1) : value).split('.');
  const v = BigInt(whole!) * 1_000_000n + BigInt(fraction.padEnd(6, '0').slice(0, 6));
  return negative ? -v : v;
}

export const credits = (value: string): bigint => (value.startsWith('-') ? -parseCredits(value.slice(1)) : parseCredits(value));

/** Buys a package through Tollgate's own test checkout (test mode: the Pay button fulfils it). */
export async function buyInTestMode(t: TestApp, user: User, packageCode: string): Promise<string> {
  return pay(t, await buy(t, user.token, packageCode));
}

/** Presses Pay on Tollgate's own test checkout page of a session. */
export async function pay(t: TestApp, session: { id: string; url: string }): Promise<string> {
  const res = await fetch(`${t.url}${new URL(session.url).pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ action: 'pay' }).toString(),
    redirect: 'manual',
  });
  if (res.status !== 303) throw new Error(`test checkout answered ${res.status}`);
  return session.id;
}

/** A completion on sandbox/echo; what it charged (micro-credits). */
export async function complete(t: TestApp, user: User, prompt: string): Promise<bigint> {
  return parseCredits(ok(await t.gql(COMPLETE, { i: { model: 'sandbox/echo', prompt, maxTokens: 16 } }, user.token), 'complete').charged);
}

export const utcMidnight = (offsetDays = 0, at = new Date()): string =>
  new Date(Math.floor(at.getTime() / 86_400_000) * 86_400_000 + offsetDays * 86_400_000).toISOString();

/** Rows of the tables an analytics query could write to, for "nothing was written". */
export async function analyticsRows(t: TestApp): Promise<number> {
  return Number((await t.app.sql.query(`select count(*)::int as n from analytics_daily_close`))[0]!.n);
}

/**
 * Moves every recorded activity `days` back in time (ledger, grants, holds, payments, usage), as if
 * it had happened then: the close can only be tested on ended days, and the server's clock is real.
 */
export async function shiftHistory(t: TestApp, days: number): Promise<void> {
  const by = `interval '${days} days'`;
  await t.app.sql.transaction(async (tx) => {
    await tx.query(`update ledger_entry set created_at = created_at - ${by}`);
    await tx.query(`update credit_grant set created_at = created_at - ${by}`);
    await tx.query(`update credit_hold set created_at = created_at - ${by}, closed_at = closed_at - ${by}`);
    await tx.query(
      `update payment set created_at = created_at - ${by}, paid_at = paid_at - ${by}, refunded_at = refunded_at - ${by}, disputed_at = disputed_at - ${by}`,
    );
    await tx.query(`update usage_event set created_at = created_at - ${by}`);
    await tx.query(`update usage_daily set day = day - ${days}`);
  });
}
