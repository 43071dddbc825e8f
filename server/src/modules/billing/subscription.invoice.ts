import type Stripe from 'stripe';
import type { SubscriptionStatus } from './subscription.entities.js';
import type { SubscriptionState } from './subscription.store.js';

/**
 * What the allocation reads of a paid subscription invoice: mapped from Stripe's invoice (and the
 * subscription re-read with it), or built by test mode. Both go through the same allocation code.
 */
export interface PaidInvoice {
  /** Stripe's `in_…`, or `in_tollgate_test_…` in test mode: every grant and the payment row are keyed by it. */
  id: string;
  billingReason: string | null;
  stripeSubscriptionId: string;
  stripeCustomerId: string | null;
  /** The tier the subscription's price is for now. */
  tierCode: string;
  amountPaidCents: number;
  currency: string;
  /** The period the invoice pays for (its subscription line's); for a proration, the rest of the period. */
  period: { start: Date; end: Date };
  /** The subscription's whole current period (the denominator of an upgrade's proration). */
  subscriptionPeriod: { start: Date; end: Date };
  paymentIntentId: string | null;
  testMode: boolean;
}

export const TIER_LOOKUP_PREFIX = 'tollgate_tier_';
const at = (seconds: number) => new Date(seconds * 1000);

/** Stripe's statuses onto ours: `unpaid` and `paused` still owe money (past due); `incomplete_expired` never began. */
export function statusOf(status: Stripe.Subscription.Status): SubscriptionStatus {
  switch (status) {
    case 'active':
      return 'active';
    case 'trialing':
      return 'trialing';
    case 'incomplete':
      return 'incomplete';
    case 'past_due':
    case 'unpaid':
    case 'paused':
      return 'past_due';
    default:
      return 'canceled';
  }
}

/** The tier of a price, from the lookup key the catalog sync gave it (`tollgate_tier_<code>`); null for a price that is not ours. */
export function tierOfPrice(price: Stripe.Price | string | null | undefined): string | null {
  if (!price || typeof price === 'string') return null;
  if (price.lookup_key?.startsWith(TIER_LOOKUP_PREFIX)) return price.lookup_key.slice(TIER_LOOKUP_PREFIX.length);
  return price.metadata?.tollgate_kind === 'tier' ? (price.metadata.tollgate_code ?? null) : null;
}

/** Since 2025-03-31 a subscription's period lives on its items. */
export function periodOf(sub: Stripe.Subscription): { start: Date; end: Date } | null {
  const item = sub.items?.data?.[0];
  return item ? { start: at(item.current_period_start), end: at(item.current_period_end) } : null;
}

export function stateOf(sub: Stripe.Subscription): SubscriptionState {
  const period = periodOf(sub);
  return {
    status: statusOf(sub.status),
    currentPeriodStart: period?.start ?? null,
    currentPeriodEnd: period?.end ?? null,
    cancelAtPeriodEnd: Boolean(sub.cancel_at_period_end),
    priceTierCode: tierOfPrice(sub.items?.data?.[0]?.price),
  };
}

const idOf = (x: string | { id: string } | null | undefined) => (x == null ? null : typeof x === 'string' ? x : x.id);

/** The subscription an invoice bills (`parent.subscription_details.subscription`); null for other invoices. */
export function invoiceSubscriptionId(invoice: Stripe.Invoice): string | null {
  return idOf(invoice.parent?.subscription_details?.subscription as string | { id: string } | undefined);
}

/** The invoice with the subscription it bills, as the allocation reads it; null when the price is not one of our tiers. */
export function paidInvoiceOf(invoice: Stripe.Invoice, sub: Stripe.Subscription): PaidInvoice | null {
  const tierCode = tierOfPrice(sub.items?.data?.[0]?.price);
  const subscriptionPeriod = periodOf(sub);
  if (!tierCode || !subscriptionPeriod) return null;
  const lines = invoice.lines?.data ?? [];
  const proration = (l: Stripe.InvoiceLineItem) => Boolean(l.parent?.subscription_item_details?.proration);
  // A proration invoice bills the rest of the period at the new price (its positive line); the others bill a whole period.
  const line =
    invoice.billing_reason === 'subscription_update' ? lines.find((l) => proration(l) && l.amount > 0) : (lines.find((l) => !proration(l)) ?? lines[0]);
  const period = line?.period ? { start: at(line.period.start), end: at(line.period.end) } : subscriptionPeriod;
  const paid = invoice.payments?.data?.find((p) => p.status === 'paid') ?? invoice.payments?.data?.[0];
  return {
    id: invoice.id!,
    billingReason: invoice.billing_reason ?? null,
    stripeSubscriptionId: sub.id,
    stripeCustomerId: idOf(invoice.customer as string | { id: string } | null),
    tierCode,
    amountPaidCents: invoice.amount_paid ?? 0,
    currency: invoice.currency ?? 'usd',
    period,
    subscriptionPeriod,
    paymentIntentId: idOf(paid?.payment?.payment_intent as string | { id: string } | undefined),
    testMode: false,
  };
}
