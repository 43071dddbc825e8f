import type Stripe from 'stripe';
import type { Sql } from '../../platform/sql.js';
import type { PaymentRecord } from './billing.store.js';
import { recordCharge, recordFee } from './refund.store.js';
import type { StripeClient } from './stripe.client.js';

/**
 * Stores what a charge tells about its (locked) payment: the charge id, the receipt URL, the amount
 * refunded so far (it only grows) and, once
 * the charge has a balance transaction, Stripe's fee in cents. The balance transaction often comes
 * after the checkout (a later `charge.updated`), so whichever charge event first carries it fills
 * the fee; later ones find it filled and change nothing.
 */
export class FeeRecorder {
  constructor(private readonly stripe: StripeClient | null) {}

  async record(tx: Sql, payment: PaymentRecord, charge: Stripe.Charge): Promise<void> {
    const paymentIntentId = typeof charge.payment_intent === 'string' ? charge.payment_intent : (charge.payment_intent?.id ?? null);
    await recordCharge(tx, payment.id, {
      chargeId: charge.id,
      paymentIntentId,
      receiptUrl: charge.receipt_url ?? null,
      amountRefunded: charge.amount_refunded ?? null,
    });
    const bt = charge.balance_transaction;
    if (!bt || (payment.feeCents !== null && payment.stripeBalanceTransactionId)) return;
    const transaction = typeof bt === 'string' ? await this.retrieve(bt) : bt;
    if (transaction) await recordFee(tx, payment.id, transaction.id, transaction.fee);
  }

  private async retrieve(id: string): Promise<Stripe.BalanceTransaction | null> {
    return this.stripe ? this.stripe.balanceTransactions.retrieve(id) : null;
  }
}
