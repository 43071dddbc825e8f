import Stripe from 'stripe';
import type { Sql } from '../../platform/sql.js';
import type { PaymentRecord } from './billing.store.js';
import { lockPaymentOfCharge } from './refund.store.js';
import type { StripeClient } from './stripe.client.js';

const idOf = (v: string | { id: string } | null | undefined): string | null => (typeof v === 'string' ? v : (v?.id ?? null));

/**
 * The payment a charge (or a dispute's charge) paid for, locked. Locally first (charge id, payment
 * intent); then the Checkout Session Stripe says the payment intent belongs to; then, for a charge of an invoice whose payment intent we have not recorded yet, Stripe
 * says which invoice it paid (InvoicePayment, since 2025-03-31 a charge names no invoice). Null
 * for a charge that is not Tollgate's.
 */
export async function paymentOfCharge(
  tx: Sql,
  stripe: StripeClient | null,
  ref: { charge: string | { id: string } | null; paymentIntent: string | { id: string } | null },
): Promise<PaymentRecord | null> {
  const chargeId = idOf(ref.charge);
  const paymentIntentId = idOf(ref.paymentIntent);
  const local = await lockPaymentOfCharge(tx, { chargeId, paymentIntentId });
  if (local || !stripe || !paymentIntentId) return local;
  // A charge event can come before the checkout completes (the payment intent is recorded at fulfilment).
  const sessionId = await sessionOfPaymentIntent(stripe, paymentIntentId);
  const bySession = sessionId ? await lockPaymentOfCharge(tx, { chargeId: null, paymentIntentId: null, sessionId }) : null;
  if (bySession) return bySession;
  const invoiceId = await invoiceOfPaymentIntent(stripe, paymentIntentId);
  return invoiceId ? lockPaymentOfCharge(tx, { chargeId: null, paymentIntentId: null, invoiceId }) : null;
}

async function sessionOfPaymentIntent(stripe: StripeClient, paymentIntentId: string): Promise<string | null> {
  const page = await stripe.checkout.sessions.list({ payment_intent: paymentIntentId, limit: 1 });
  return page.data[0]?.id ?? null;
}

async function invoiceOfPaymentIntent(stripe: StripeClient, paymentIntentId: string): Promise<string | null> {
  try {
    const page = await stripe.invoicePayments.list({ payment: { type: 'payment_intent', payment_intent: paymentIntentId }, limit: 1 });
    return idOf(page.data[0]?.invoice as string | { id: string } | undefined);
  } catch (err) {
    // A payment intent Stripe does not know as an invoice's: not ours. Anything else is retried.
    if (err instanceof Stripe.errors.StripeInvalidRequestError && err.statusCode === 404) return null;
    throw err;
  }
}
