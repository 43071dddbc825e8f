import type Stripe from 'stripe';
import type { Sql } from '../../platform/sql.js';
import type { WebhookHandlers } from './stripe-webhooks.js';
import type { SubscriptionAllocation } from './subscription.allocation.js';
import { invoiceSubscriptionId, paidInvoiceOf } from './subscription.invoice.js';
import type { SubscriptionPayments } from './subscription.payments.js';
import type { SubscriptionStore } from './subscription.store.js';
import type { SubscriptionSync } from './subscription.sync.js';
import type { StripeClient } from './stripe.client.js';

interface Deps {
  stripe: StripeClient;
  sync: SubscriptionSync;
  store: SubscriptionStore;
  allocation: SubscriptionAllocation;
  payments: SubscriptionPayments;
}

/**
 * The subscription events. Each ignores what is not a Tollgate subscription (a package checkout,
 * another integration's subscription), and each re-reads the subscription from Stripe before
 * applying anything (subscription.sync.ts), so the order they arrive in does not matter.
 */
export function registerSubscriptionHandlers(handlers: WebhookHandlers, deps: Deps): void {
  const ours = async (tx: Sql, sub: Stripe.Subscription) => Boolean(sub.metadata?.tollgate_user_id) || Boolean(await deps.store.lockByStripeId(tx, sub.id));

  handlers.register('checkout.session.completed', async (event, tx) => {
    const session = event.data.object as Stripe.Checkout.Session;
    if (session.mode !== 'subscription' || !session.subscription || !session.metadata?.tollgate_user_id) return;
    await deps.sync.sync(tx, typeof session.subscription === 'string' ? session.subscription : session.subscription.id, { checkoutSessionId: session.id });
  });

  for (const type of ['customer.subscription.created', 'customer.subscription.updated', 'customer.subscription.deleted']) {
    handlers.register(type, async (event, tx) => {
      const sub = event.data.object as Stripe.Subscription;
      if (await ours(tx, sub)) await deps.sync.sync(tx, sub.id);
    });
  }

  // Both announce the same paid invoice; the allocation is keyed by the invoice, so whichever comes second finds it paid.
  const paid = async (event: Stripe.Event, tx: Sql, afterCommit: (fn: () => void) => void) => {
    const invoice = event.data.object as Stripe.Invoice;
    const subscriptionId = invoiceSubscriptionId(invoice);
    if (!subscriptionId || invoice.status !== 'paid') return;
    const synced = await deps.sync.sync(tx, subscriptionId);
    if (!synced) return;
    // `payments` is includable, so an event's invoice usually lacks it: list them for the payment intent (refunds map charges by it).
    const payments = invoice.payments ?? (await deps.stripe.invoicePayments.list({ invoice: invoice.id!, limit: 10 }));
    const inv = paidInvoiceOf({ ...invoice, payments }, synced.sub);
    if (inv) await deps.allocation.invoicePaid(tx, synced.row, inv, afterCommit);
  };
  handlers.register('invoice.paid', paid);
  handlers.register('invoice.payment_succeeded', paid);

  // Stripe moves the subscription to past_due; the re-read carries that (or a newer recovery). Nothing is granted.
  handlers.register('invoice.payment_failed', async (event, tx) => {
    const invoice = event.data.object as Stripe.Invoice;
    const subscriptionId = invoiceSubscriptionId(invoice);
    if (!subscriptionId) return;
    const synced = await deps.sync.sync(tx, subscriptionId);
    const inv = synced && paidInvoiceOf(invoice, synced.sub);
    if (!synced || !inv) return;
    const payment = await deps.payments.lock(tx, { ...inv, amountPaidCents: invoice.amount_due ?? 0, userId: synced.row.userId });
    await deps.payments.markFailed(tx, payment.id);
  });
}
