import { randomUUID } from 'node:crypto';
import type { Sql } from '../../platform/sql.js';
import type { PaidInvoice } from './subscription.invoice.js';

export interface InvoicePaymentRow {
  id: string;
  status: string;
}

export type InvoiceFacts = Pick<PaidInvoice, 'id' | 'stripeSubscriptionId' | 'stripeCustomerId' | 'tierCode' | 'amountPaidCents' | 'currency' | 'testMode'> & {
  userId: string;
};

/**
 * The payment rows of subscription invoices (kind `subscription`), one per invoice: the unique
 * `stripe_invoice_id` makes recording idempotent, and the row lock serialises `invoice.paid` and
 * `invoice.payment_succeeded` of one invoice (the second finds it paid).
 */
export class SubscriptionPayments {
  /** The invoice's payment row, created PENDING if new, locked for the rest of the transaction. */
  async lock(tx: Sql, inv: InvoiceFacts): Promise<InvoicePaymentRow> {
    await tx.query(
      `insert into payment (id, user_id, kind, status, package_code, amount_cents, currency, credits, bonus_credits, test_mode,
         stripe_customer_id, stripe_invoice_id, stripe_subscription_id, tier_code)
       values ($1, $2, 'subscription', 'pending', null, $3, $4, 0, 0, $5, $6, $7, $8, $9) on conflict (stripe_invoice_id) do nothing`,
      [randomUUID(), inv.userId, inv.amountPaidCents, inv.currency, inv.testMode, inv.stripeCustomerId, inv.id, inv.stripeSubscriptionId, inv.tierCode],
    );
    const rows = await tx.query(`select id, status from payment where stripe_invoice_id = $1 for update`, [inv.id]);
    return rows[0] as InvoicePaymentRow;
  }

  async markPaid(tx: Sql, id: string, paid: { credits: bigint; amountCents: number; paymentIntentId: string | null }): Promise<void> {
    await tx.query(
      `update payment set status = 'paid', credits = $2, credits_granted = $2, amount_cents = $3,
         stripe_payment_intent_id = coalesce($4, stripe_payment_intent_id), paid_at = now(), updated_at = now() where id = $1`,
      [id, paid.credits, paid.amountCents, paid.paymentIntentId],
    );
  }

  /** A failed attempt; an invoice paid already stays paid (a late failure never undoes it). */
  async markFailed(tx: Sql, id: string): Promise<void> {
    await tx.query(`update payment set status = 'failed', updated_at = now() where id = $1 and status = 'pending'`, [id]);
  }
}
