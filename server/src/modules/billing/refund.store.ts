import type { Sql } from '../../platform/sql.js';
import { PAYMENT_COLUMNS, toPayment, type PaymentRecord } from './billing.store.js';

/** What refunds, disputes and fees write on a payment row, each inside the Stripe event's transaction. */

/**
 * Locks the payment a charge paid for: by its charge id once known, else by its payment intent
 * (set at fulfilment by every money path), else by the checkout session or invoice Stripe says it
 * paid. Null when none matches.
 */
export async function lockPaymentOfCharge(
  tx: Sql,
  ref: { chargeId: string | null; paymentIntentId: string | null; sessionId?: string | null; invoiceId?: string | null },
): Promise<PaymentRecord | null> {
  const tries: Array<[string, string | null | undefined]> = [
    ['stripe_charge_id = $1', ref.chargeId],
    ['stripe_payment_intent_id = $1', ref.paymentIntentId],
    ['checkout_session_id = $1', ref.sessionId],
    // Read by name through to_jsonb: the column belongs to the subscriptions work's migration.
    [`to_jsonb(payment) ->> 'stripe_invoice_id' = $1`, ref.invoiceId],
  ];
  for (const [where, value] of tries) {
    if (!value) continue;
    const rows = await tx.query(`select ${PAYMENT_COLUMNS} from payment where ${where} order by seq limit 1 for update`, [value]);
    if (rows[0]) return toPayment(rows[0]);
  }
  return null;
}

/** The charge's own facts: its id, receipt and refunded amount (which only ever grows); `refunded_at` is the first refund's time, a partial one too (docs/analytics.md counts refunds by it). */
export async function recordCharge(
  tx: Sql,
  paymentId: string,
  c: { chargeId: string; paymentIntentId: string | null; receiptUrl: string | null; amountRefunded: number | null },
): Promise<void> {
  await tx.query(
    `update payment set stripe_charge_id = coalesce(stripe_charge_id, $2), stripe_payment_intent_id = coalesce(stripe_payment_intent_id, $3),
       receipt_url = coalesce($4, receipt_url), amount_refunded_cents = greatest(amount_refunded_cents, coalesce($5, 0)), updated_at = now(),
       refunded_at = case when coalesce($5, 0) > 0 then coalesce(refunded_at, now()) else refunded_at end
     where id = $1`,
    [paymentId, c.chargeId, c.paymentIntentId, c.receiptUrl, c.amountRefunded],
  );
}

export async function recordFee(tx: Sql, paymentId: string, balanceTransactionId: string, feeCents: number): Promise<void> {
  await tx.query(`update payment set stripe_balance_transaction_id = $2, fee_cents = $3, updated_at = now() where id = $1`, [
    paymentId,
    balanceTransactionId,
    feeCents,
  ]);
}

export async function addClawedBack(tx: Sql, paymentId: string, credits: bigint): Promise<void> {
  await tx.query(`update payment set credits_clawed_back = credits_clawed_back + $2, updated_at = now() where id = $1`, [paymentId, credits]);
}

/**
 * A fully refunded charge makes a PAID payment REFUNDED; a dispute makes a PAID or REFUNDED one
 * DISPUTED (the stronger fact: the bank took the money back). Neither ever reopens the other.
 */
export async function markRefunded(tx: Sql, paymentId: string): Promise<void> {
  await tx.query(`update payment set status = 'refunded', refunded_at = coalesce(refunded_at, now()), updated_at = now() where id = $1 and status = 'paid'`, [
    paymentId,
  ]);
}

export async function markDisputed(tx: Sql, paymentId: string): Promise<void> {
  await tx.query(
    `update payment set status = 'disputed', disputed_at = coalesce(disputed_at, now()), updated_at = now() where id = $1 and status in ('paid', 'refunded')`,
    [paymentId],
  );
}
