import type Stripe from 'stripe';
import type { FeeRecorder } from './fee.recorder.js';
import { paymentOfCharge } from './refund.lookup.js';
import type { StripeClient } from './stripe.client.js';
import type { WebhookHandlers } from './stripe-webhooks.js';

/**
 * `charge.succeeded` and `charge.updated` (the balance transaction, and with it the fee, may only
 * arrive on the latter): fill the payment's charge id, receipt URL and fee. Idempotent; a charge
 * that is not Tollgate's changes nothing.
 */
export function registerFeeHandlers(handlers: WebhookHandlers, deps: { stripe: StripeClient | null; fees: FeeRecorder }): void {
  const handler = async (event: Stripe.Event, tx: Parameters<Parameters<WebhookHandlers['register']>[1]>[1]) => {
    const charge = event.data.object as Stripe.Charge;
    if (charge.object !== 'charge') return;
    const payment = await paymentOfCharge(tx, deps.stripe, { charge: charge.id, paymentIntent: charge.payment_intent });
    if (payment) await deps.fees.record(tx, payment, charge);
  };
  handlers.register('charge.succeeded', handler);
  handlers.register('charge.updated', handler);
}
