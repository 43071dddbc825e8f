import type Stripe from 'stripe';
import type { Sql } from '../../platform/sql.js';
import type { PaymentRecord } from './billing.store.js';
import type { AfterCommit } from './checkout.fulfilment.js';
import type { FeeRecorder } from './fee.recorder.js';
import { proRata, type PaymentClawbacks } from './refund.clawback.js';
import { paymentOfCharge } from './refund.lookup.js';
import { markDisputed, markRefunded } from './refund.store.js';
import type { StripeClient } from './stripe.client.js';
import type { WebhookHandlers } from './stripe-webhooks.js';

/** A refund or dispute reached us before the payment it concerns was fulfilled: failing makes Stripe retry later. */
export class NotYetFulfilledError extends Error {}

/**
 * `charge.refunded`: takes back creditsGranted × amount_refunded / amount (rounded down), cumulative,
 * keyed by the charge and its refunded amount. `charge.dispute.created`: takes back all of
 * creditsGranted, keyed by the dispute. Both claim against the payment's running total, so
 * together they never exceed creditsGranted. A charge that is not Tollgate's changes nothing.
 */
export function registerRefundHandlers(handlers: WebhookHandlers, deps: { stripe: StripeClient | null; clawbacks: PaymentClawbacks; fees: FeeRecorder }): void {
  handlers.register('charge.refunded', async (event, tx, afterCommit) => {
    const charge = event.data.object as Stripe.Charge;
    const payment = await paymentOfCharge(tx, deps.stripe, { charge: charge.id, paymentIntent: charge.payment_intent });
    if (!payment || !claimable(payment, charge.id)) return;
    await deps.fees.record(tx, payment, charge);
    // amount_refunded only grows; a late event carries a smaller one and claims nothing more.
    const refunded = Math.max(charge.amount_refunded, payment.amountRefundedCents);
    const target = proRata(payment.creditsGranted, refunded, charge.amount);
    await deps.clawbacks.claim(
      tx,
      payment,
      target,
      { key: `charge:${charge.id}:refunded:${refunded}`, description: `Refund of charge ${charge.id}` },
      afterCommit,
    );
    if (charge.refunded || refunded >= charge.amount) await markRefunded(tx, payment.id);
  });

  handlers.register('charge.dispute.created', async (event, tx, afterCommit) => {
    const dispute = event.data.object as Stripe.Dispute;
    const payment = await paymentOfCharge(tx, deps.stripe, { charge: dispute.charge, paymentIntent: dispute.payment_intent });
    if (!payment || !claimable(payment, typeof dispute.charge === 'string' ? dispute.charge : dispute.charge.id)) return;
    await takeAll(tx, deps.clawbacks, payment, dispute, afterCommit);
    await markDisputed(tx, payment.id);
  });
}

async function takeAll(tx: Sql, clawbacks: PaymentClawbacks, payment: PaymentRecord, dispute: Stripe.Dispute, afterCommit: AfterCommit) {
  await clawbacks.claim(
    tx,
    payment,
    payment.creditsGranted,
    { key: `dispute:${dispute.id}`, description: `Dispute ${dispute.id} (${dispute.reason})` },
    afterCommit,
  );
}

/**
 * A payment still PENDING has granted nothing yet; its grant may be on its way (events arrive out
 * of order), so the event fails and Stripe retries it after the fulfilment. FAILED/CANCELED ones
 * granted nothing and never will: nothing to take back.
 */
function claimable(payment: PaymentRecord, chargeId: string): boolean {
  if (payment.status === 'pending') throw new NotYetFulfilledError(`charge ${chargeId}: its payment is not fulfilled yet; retry later`);
  return payment.status !== 'failed' && payment.status !== 'canceled';
}
