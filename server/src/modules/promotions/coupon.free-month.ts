import { randomBytes } from 'node:crypto';
import type { Sql } from '../../platform/sql.js';
import type { Tier } from '../catalog/index.js';
import type { AfterCommit } from '../billing/index.js';
import type { Billing } from '../billing/index.js';
import { addMonth } from '../billing/index.js';
import { CouponRefusedError } from './coupon.errors.js';

/** A free month's subscription id: Tollgate's own, never Stripe's (subscription.service.ts refuses changes to it). */
export const FREE_MONTH_PREFIX = 'sub_tollgate_coupon_';

/** The paid-grant reference of a free month's 0 ¢ invoice: no payment (a referral's "first payment" ignores it). */
export const isFreeMonthReference = (reference: string) => reference.startsWith('invoice:in_tollgate_coupon_');

/**
 * FREE_MONTH: a month of the coupon's tier with exactly its allocation, no payment. It is a local
 * subscription row (like a test-mode one) already set to cancel at its period end, whose first
 * "invoice" (`in_tollgate_coupon_…`, 0 ¢) goes through the subscription allocation: the tier and
 * the allocation come from the same code as a paid month, keyed by that invoice, so once. At the end
 * the test-mode renewal ends it (cancel at period end) and the user is back on free, unless they
 * subscribed (docs/decisions/0022-coupons.md).
 */
export async function startFreeMonth(
  billing: Billing,
  tx: Sql,
  input: { userId: string; tier: Tier; code: string },
  afterCommit: AfterCommit,
): Promise<{ credits: bigint; periodEnd: Date }> {
  const { store, allocation } = billing.subscriptions;
  // The lock test-mode checkouts take: one subscription per user, whoever starts one at the same time.
  await tx.query(`select pg_advisory_xact_lock(hashtext('tollgate-subscription:' || $1::text))`, [input.userId]);
  if (await store.live(tx, input.userId)) {
    throw new CouponRefusedError('NOT_APPLICABLE', `Coupon ${input.code} is for a month without a subscription: you have one already`);
  }
  const hex = randomBytes(16).toString('hex');
  const now = new Date();
  const period = { start: now, end: addMonth(now) };
  const row = await store.insert(tx, {
    userId: input.userId,
    tierCode: input.tier.code,
    stripeSubscriptionId: `${FREE_MONTH_PREFIX}${hex}`,
    stripeCustomerId: null,
    checkoutSessionId: null,
    testMode: true,
    status: 'incomplete',
    version: now,
  });
  await store.applyState(
    tx,
    row.id,
    { status: 'active', currentPeriodStart: period.start, currentPeriodEnd: period.end, cancelAtPeriodEnd: true, priceTierCode: input.tier.code },
    now,
  );
  const locked = (await store.lockById(tx, row.id))!;
  await allocation.invoicePaid(
    tx,
    locked,
    {
      id: `in_tollgate_coupon_${hex}`,
      billingReason: 'subscription_create',
      stripeSubscriptionId: locked.stripeSubscriptionId,
      stripeCustomerId: null,
      tierCode: input.tier.code,
      amountPaidCents: 0,
      currency: 'usd',
      period,
      subscriptionPeriod: period,
      paymentIntentId: null,
      testMode: true,
    },
    afterCommit,
  );
  return { credits: input.tier.monthlyCredits, periodEnd: period.end };
}

/** Ends every free month whose period is over (the test-mode renewal does it: they are cancelled at period end). */
export async function endFreeMonths(billing: Billing, sql: Sql): Promise<number> {
  const rows = await sql.query(
    `select distinct user_id from subscription where stripe_subscription_id like '${FREE_MONTH_PREFIX}%'
       and status in ('active', 'past_due', 'trialing') and current_period_end <= now() limit 100`,
  );
  let ended = 0;
  for (const r of rows) ended += await billing.subscriptions.testMode.renewDue(r.user_id as string);
  return ended;
}
