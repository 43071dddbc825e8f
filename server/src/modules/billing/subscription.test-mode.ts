import { randomBytes } from 'node:crypto';
import { formatCredits } from '@tollgate/shared';
import type { Sql, SqlPool } from '../../platform/sql.js';
import type { Tier } from '../catalog/index.js';
import { usd } from './billing.mappers.js';
import type { BillingService, CheckoutSessionResult, TestCheckoutAction, TestCheckoutKind, TestCheckoutView } from './billing.service.js';
import type { AfterCommit } from './checkout.fulfilment.js';
import type { SubscriptionAllocation } from './subscription.allocation.js';
import { upgradeCents } from './subscription.prices.js';
import type { PaidInvoice } from './subscription.invoice.js';
import type { SubscriptionRecord, SubscriptionStore } from './subscription.store.js';
import { endTier } from './subscription.sync.js';

/** One calendar month later, in UTC (Jan 31 → Mar 3, as JavaScript's Date rolls over: test mode only). */
export const addMonth = (d: Date) => {
  const next = new Date(d);
  next.setUTCMonth(next.getUTCMonth() + 1);
  return next;
};
/** How many overdue periods one renewal catches up at most (a server that was off for two years). */
const MAX_CATCH_UP = 24;

interface Deps {
  sql: SqlPool;
  store: SubscriptionStore;
  allocation: SubscriptionAllocation;
  billing: BillingService;
  tiers: () => Promise<Tier[]>;
}

/**
 * Subscriptions without Stripe (test mode): the test checkout's Pay activates the subscription and
 * pays its first invoice through the same allocation as `invoice.paid`, with an invoice object
 * built here; changes apply locally; a renewal is due once the period has ended and is run by
 * `renewDue` (from the module's periodic check and whenever the user reads or changes it).
 */
export class SubscriptionTestMode implements TestCheckoutKind {
  constructor(private readonly deps: Deps) {}

  async open(userId: string, tier: Tier): Promise<CheckoutSessionResult> {
    const { id, url } = this.deps.billing.newTestCheckout();
    await this.deps.sql.transaction((tx) =>
      this.deps.store.insert(tx, {
        userId,
        tierCode: tier.code,
        stripeSubscriptionId: `sub_tollgate_test_${randomBytes(16).toString('hex')}`,
        stripeCustomerId: null,
        checkoutSessionId: id,
        testMode: true,
        status: 'incomplete',
        version: new Date(),
      }),
    );
    return { id, url };
  }

  async view(sessionId: string): Promise<TestCheckoutView | null> {
    const row = await this.deps.store.bySession(this.deps.sql, sessionId);
    if (!row?.testMode) return null;
    const tier = (await this.deps.tiers()).find((t) => t.code === row.tierCode);
    if (!tier) return null;
    return {
      heading: `Subscribe to ${tier.name}`,
      rows: [
        ['Price', `$${usd(tier.monthlyPriceCents)} per month (not charged)`],
        ['Monthly credits', formatCredits(tier.monthlyCredits)],
      ],
      status: row.checkoutStatus,
      open: row.checkoutStatus === 'open',
    };
  }

  async complete(sessionId: string, action: TestCheckoutAction): Promise<string | null> {
    const outcome = await this.inTransaction(async (tx, afterCommit) => {
      const row = await this.deps.store.bySession(tx, sessionId, true);
      if (!row?.testMode) return null;
      if (row.checkoutStatus !== 'open') return row.checkoutStatus === 'complete' ? 'success' : 'cancel';
      if (action !== 'pay') {
        await this.deps.store.setCheckoutStatus(tx, row.id, action === 'fail' ? 'failed' : 'canceled');
        await this.deps.billing.coupons?.closed(tx, sessionId);
        return 'cancel';
      }
      // Two test checkouts opened side by side and paid at once: one per user at a time (a transaction-scoped
      // advisory lock, as neither row is live yet to lock), so the second finds a live subscription and closes.
      await tx.query(`select pg_advisory_xact_lock(hashtext('tollgate-subscription:' || $1::text))`, [row.userId]);
      if (await this.deps.store.live(tx, row.userId)) {
        await this.deps.store.setCheckoutStatus(tx, row.id, 'canceled');
        await this.deps.billing.coupons?.closed(tx, sessionId);
        return 'cancel';
      }
      const now = new Date();
      const period = { start: now, end: addMonth(now) };
      await this.deps.store.setCheckoutStatus(tx, row.id, 'complete');
      await this.deps.store.applyState(
        tx,
        row.id,
        { status: 'active', currentPeriodStart: period.start, currentPeriodEnd: period.end, cancelAtPeriodEnd: false, priceTierCode: row.tierCode },
        now,
      );
      const tier = (await this.tier(row.tierCode))!;
      // A discount coupon's reduced first invoice (coupon.checkout.ts), else the tier's price.
      const amount = (await this.deps.billing.coupons?.amountFor(tx, sessionId)) ?? tier.monthlyPriceCents;
      const invoice = this.invoice(row, `in_tollgate_test_${sessionId.slice(-32)}`, 'subscription_create', tier, amount, period, period);
      await this.deps.allocation.invoicePaid(tx, (await this.deps.store.lockById(tx, row.id))!, invoice, afterCommit);
      await this.deps.billing.coupons?.paid(tx, sessionId);
      return 'success';
    });
    return outcome && this.deps.billing.returnUrl(outcome, sessionId);
  }

  /** An upgrade is paid at once (its proration invoice, through the allocation); a downgrade waits for the renewal. */
  async change(sub: SubscriptionRecord, from: Tier, to: Tier, upgrade: boolean): Promise<void> {
    await this.inTransaction(async (tx, afterCommit) => {
      const row = (await this.deps.store.lockById(tx, sub.id))!;
      if (!upgrade) {
        await tx.query(`update subscription set pending_tier_code = $2, state_version = now(), updated_at = now() where id = $1`, [
          row.id,
          to.code === row.tierCode ? null : to.code,
        ]);
        return;
      }
      const whole = { start: row.currentPeriodStart!, end: row.currentPeriodEnd! };
      const rest = { start: new Date(), end: whole.end };
      const invoice = this.invoice(
        row,
        `in_tollgate_test_${randomBytes(16).toString('hex')}`,
        'subscription_update',
        to,
        upgradeCents(from, to, rest, whole),
        rest,
        whole,
      );
      await tx.query(`update subscription set pending_tier_code = null, updated_at = now() where id = $1`, [row.id]);
      await this.deps.allocation.invoicePaid(tx, row, invoice, afterCommit);
    });
  }

  async setCancelAtPeriodEnd(sub: SubscriptionRecord, cancel: boolean): Promise<void> {
    await this.deps.sql.query(`update subscription set cancel_at_period_end = $2, state_version = now(), updated_at = now() where id = $1`, [sub.id, cancel]);
  }

  /** Renews (or ends, when cancelled at period end) every live test subscription whose period is over; of one user when given. */
  async renewDue(userId?: string): Promise<number> {
    const due = await this.deps.store.testDue(this.deps.sql, new Date(), userId);
    for (const id of due) await this.renew(id);
    return due.length;
  }

  private async renew(id: string): Promise<void> {
    await this.inTransaction(async (tx, afterCommit) => {
      for (let i = 0; i < MAX_CATCH_UP; i += 1) {
        const row = await this.deps.store.lockById(tx, id);
        if (!row?.testMode || !['active', 'past_due', 'trialing'].includes(row.status) || !row.currentPeriodEnd || row.currentPeriodEnd.getTime() > Date.now())
          return;
        if (row.cancelAtPeriodEnd) {
          await tx.query(`update subscription set status = 'canceled', state_version = now(), updated_at = now() where id = $1`, [row.id]);
          await endTier(tx, this.deps.store, row.userId);
          return;
        }
        const tier = (await this.tier(row.pendingTierCode ?? row.tierCode))!;
        const period = { start: row.currentPeriodEnd, end: addMonth(row.currentPeriodEnd) };
        const invoice = this.invoice(
          row,
          `in_tollgate_test_${row.stripeSubscriptionId.slice(-32)}_${period.start.getTime()}`,
          'subscription_cycle',
          tier,
          tier.monthlyPriceCents,
          period,
          period,
        );
        await this.deps.allocation.invoicePaid(tx, row, invoice, afterCommit);
      }
    });
  }

  private invoice(
    row: SubscriptionRecord,
    id: string,
    billingReason: string,
    tier: Tier,
    amountCents: number,
    period: PaidInvoice['period'],
    whole: PaidInvoice['period'],
  ): PaidInvoice {
    return {
      id,
      billingReason,
      stripeSubscriptionId: row.stripeSubscriptionId,
      stripeCustomerId: null,
      tierCode: tier.code,
      amountPaidCents: amountCents,
      currency: 'usd',
      period,
      subscriptionPeriod: whole,
      paymentIntentId: null,
      testMode: true,
    };
  }

  private async tier(code: string): Promise<Tier | undefined> {
    return (await this.deps.tiers()).find((t) => t.code === code);
  }

  private async inTransaction<T>(fn: (tx: Sql, afterCommit: AfterCommit) => Promise<T>): Promise<T> {
    const committed: Array<() => void> = [];
    const result = await this.deps.sql.transaction(async (tx) => {
      committed.length = 0;
      return fn(tx, (f) => committed.push(f));
    });
    for (const f of committed) f();
    return result;
  }
}
