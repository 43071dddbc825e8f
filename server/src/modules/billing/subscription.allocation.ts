import type { Sql } from '../../platform/sql.js';
import type { Tier } from '../catalog/index.js';
import { SYSTEM } from '../ledger/index.js';
import type { LedgerService } from '../ledger/index.js';
import type { AfterCommit } from './checkout.fulfilment.js';
import type { PaidGrantHooks } from './paid-grant-hooks.js';
import type { PaidInvoice } from './subscription.invoice.js';
import type { SubscriptionPayments } from './subscription.payments.js';
import { rollOver } from './subscription.rollover.js';
import type { SubscriptionRecord, SubscriptionStore } from './subscription.store.js';

export type AllocationOutcome = 'granted' | 'already-paid' | 'not-ours';

/**
 * The upgrade's extra credit for the rest of the period: the monthly difference times the share of
 * the period left, in integer micro-credits, rounded down once (the user never gets more than the
 * tier difference is worth). Nothing for a downgrade or a period already over.
 */
export function upgradeCredits(oldMonthly: bigint, newMonthly: bigint, remaining: { start: Date; end: Date }, whole: { start: Date; end: Date }): bigint {
  const difference = newMonthly - oldMonthly;
  const remainingSeconds = BigInt(Math.max(0, Math.floor((remaining.end.getTime() - remaining.start.getTime()) / 1000)));
  const periodSeconds = BigInt(Math.floor((whole.end.getTime() - whole.start.getTime()) / 1000));
  if (difference <= 0n || periodSeconds <= 0n) return 0n;
  const share = remainingSeconds > periodSeconds ? periodSeconds : remainingSeconds;
  return (difference * share) / periodSeconds;
}

/**
 * Turns a paid subscription invoice into credits, exactly once, whatever delivers it (`invoice.paid`,
 * `invoice.payment_succeeded`, the test checkout, test-mode renewal). The caller holds the
 * subscription row; the invoice's payment row is locked next (billing rows first, then the ledger),
 * and every grant is keyed by the invoice.
 */
export class SubscriptionAllocation {
  constructor(
    private readonly deps: {
      store: SubscriptionStore;
      payments: SubscriptionPayments;
      ledger: Pick<LedgerService, 'grantWithin' | 'applyWithin'>;
      paidGrants: PaidGrantHooks;
      tiers: () => Promise<Tier[]>;
    },
  ) {}

  async invoicePaid(tx: Sql, sub: SubscriptionRecord, inv: PaidInvoice, afterCommit: AfterCommit): Promise<AllocationOutcome> {
    const tiers = await this.deps.tiers();
    const tier = tiers.find((t) => t.code === inv.tierCode);
    if (!tier || tier.monthlyPriceCents <= 0) return 'not-ours';
    const payment = await this.deps.payments.lock(tx, { ...inv, userId: sub.userId });
    if (payment.status === 'paid') return 'already-paid';
    const previous = tiers.find((t) => t.code === sub.tierCode) ?? tier;
    // The paying invoice, as the refunds code looks the grants of a payment up; the renewal finds them by their keys.
    const reference = `invoice:${inv.id}`;
    const now = Date.now();
    let credits = 0n;
    const grant = async (amount: bigint, kind: string, expiresAt: Date, description: string) => {
      // A period already over (an invoice delivered very late) buys nothing that could still be spent.
      if (amount <= 0n || expiresAt.getTime() <= now) return;
      const { published } = await this.deps.ledger.grantWithin(tx, {
        userId: sub.userId,
        source: 'subscription',
        amount,
        idempotencyKey: `invoice:${inv.id}:${kind}`,
        actor: SYSTEM,
        expiresAt,
        reference,
        description,
      });
      afterCommit(published);
      credits += amount;
    };
    if (inv.billingReason === 'subscription_cycle') {
      const { published } = await rollOver(this.deps.ledger, tx, {
        userId: sub.userId,
        stripeSubscriptionId: inv.stripeSubscriptionId,
        invoiceId: inv.id,
        periodStart: inv.period.start,
        periodEnd: inv.period.end,
        tier: previous,
      });
      afterCommit(published);
    }
    let paidTier = tier.code;
    if (inv.billingReason === 'subscription_create' || inv.billingReason === 'subscription_cycle') {
      await grant(tier.monthlyCredits, 'allocation', inv.period.end, `${tier.name} monthly allocation`);
      await this.deps.store.setPaidTier(tx, sub.id, tier.code, inv.period);
    } else if (inv.billingReason === 'subscription_update') {
      const extra = upgradeCredits(previous.monthlyCredits, tier.monthlyCredits, inv.period, inv.subscriptionPeriod);
      await grant(extra, 'upgrade', inv.subscriptionPeriod.end, `Upgrade from ${previous.name} to ${tier.name} for the rest of the period`);
      await this.deps.store.setPaidTier(tx, sub.id, tier.code, null);
    } else {
      // Another invoice of the subscription (manual, threshold): recorded as paid, buys no allocation.
      paidTier = sub.tierCode;
      await this.deps.store.setPaidTier(tx, sub.id, paidTier, null);
    }
    await this.deps.payments.markPaid(tx, payment.id, { credits, amountCents: inv.amountPaidCents, paymentIntentId: inv.paymentIntentId });
    if (sub.status !== 'canceled') await this.deps.store.setUserTier(tx, sub.userId, paidTier);
    await this.deps.paidGrants.run(tx, { userId: sub.userId, reference: `invoice:${inv.id}`, credits }, afterCommit);
    return 'granted';
  }
}
