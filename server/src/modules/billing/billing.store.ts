import { randomUUID } from 'node:crypto';
import type { Row, Sql } from '../../platform/sql.js';
import type { PaymentKind, PaymentStatus } from './payment.entity.js';

/** A payment row as the billing code reads it: cents as numbers, credits as bigint micro-credits. */
export interface PaymentRecord {
  id: string;
  seq: bigint;
  userId: string;
  kind: PaymentKind;
  status: PaymentStatus;
  packageCode: string | null;
  amountCents: number;
  currency: string;
  credits: bigint;
  bonusCredits: bigint;
  creditsGranted: bigint;
  testMode: boolean;
  checkoutSessionId: string | null;
  checkoutUrl: string | null;
  stripePaymentIntentId: string | null;
  receiptUrl: string | null;
  /** Stripe's fee in cents, from the charge's balance transaction; null until known (and in test mode). */
  feeCents: number | null;
  /** Cumulative: what Stripe has refunded of the charge so far. */
  amountRefundedCents: number;
  /** How much of creditsGranted refunds and disputes have claimed back (taken or recorded as debt). */
  creditsClawedBack: bigint;
  stripeChargeId: string | null;
  stripeBalanceTransactionId: string | null;
  /** Set by the subscriptions work for invoice payments (read by name, so its absence is harmless). */
  stripeInvoiceId: string | null;
  idempotencyKey: string | null;
  createdAt: Date;
  paidAt: Date | null;
}

export type NewPayment = Pick<
  PaymentRecord,
  | 'userId'
  | 'kind'
  | 'packageCode'
  | 'amountCents'
  | 'currency'
  | 'credits'
  | 'bonusCredits'
  | 'testMode'
  | 'checkoutSessionId'
  | 'checkoutUrl'
  | 'idempotencyKey'
> & {
  stripeCustomerId: string | null;
};

const COLUMNS = `id, seq, user_id, kind, status, package_code, amount_cents, currency, credits, bonus_credits, credits_granted, test_mode,
  checkout_session_id, checkout_url, stripe_payment_intent_id, receipt_url, idempotency_key, created_at, paid_at,
  fee_cents, amount_refunded_cents, credits_clawed_back, stripe_charge_id, stripe_balance_transaction_id,
  to_jsonb(payment) ->> 'stripe_invoice_id' as stripe_invoice_id`;

export const PAYMENT_COLUMNS = COLUMNS;

export function toPayment(r: Row): PaymentRecord {
  return {
    id: r.id,
    seq: BigInt(r.seq),
    userId: r.user_id,
    kind: r.kind,
    status: r.status,
    packageCode: r.package_code,
    amountCents: r.amount_cents,
    currency: r.currency,
    credits: BigInt(r.credits),
    bonusCredits: BigInt(r.bonus_credits),
    creditsGranted: BigInt(r.credits_granted),
    testMode: r.test_mode,
    checkoutSessionId: r.checkout_session_id,
    checkoutUrl: r.checkout_url,
    stripePaymentIntentId: r.stripe_payment_intent_id,
    receiptUrl: r.receipt_url,
    idempotencyKey: r.idempotency_key,
    createdAt: r.created_at,
    paidAt: r.paid_at,
    feeCents: r.fee_cents,
    amountRefundedCents: r.amount_refunded_cents,
    creditsClawedBack: BigInt(r.credits_clawed_back),
    stripeChargeId: r.stripe_charge_id,
    stripeBalanceTransactionId: r.stripe_balance_transaction_id,
    stripeInvoiceId: r.stripe_invoice_id ?? null,
  };
}

/** The billing tables' SQL, on the pool the ledger uses, so fulfilment shares one transaction with its grants. */
export class BillingStore {
  constructor(private readonly sql: Sql) {}

  async byIdempotencyKey(userId: string, key: string): Promise<PaymentRecord | null> {
    const rows = await this.sql.query(`select ${COLUMNS} from payment where user_id = $1 and idempotency_key = $2`, [userId, key]);
    return rows[0] ? toPayment(rows[0]) : null;
  }

  async bySession(sessionId: string): Promise<PaymentRecord | null> {
    const rows = await this.sql.query(`select ${COLUMNS} from payment where checkout_session_id = $1`, [sessionId]);
    return rows[0] ? toPayment(rows[0]) : null;
  }

  /** Inserts, or (same user and idempotency key, a concurrent twin) returns the row that won. */
  async insert(p: NewPayment): Promise<PaymentRecord> {
    const rows = await this.sql.query(
      `insert into payment (id, user_id, kind, status, package_code, amount_cents, currency, credits, bonus_credits, test_mode,
         checkout_session_id, checkout_url, stripe_customer_id, idempotency_key)
       values ($1, $2, $3, 'pending', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       on conflict do nothing returning ${COLUMNS}`,
      [
        randomUUID(),
        p.userId,
        p.kind,
        p.packageCode,
        p.amountCents,
        p.currency,
        p.credits,
        p.bonusCredits,
        p.testMode,
        p.checkoutSessionId,
        p.checkoutUrl,
        p.stripeCustomerId,
        p.idempotencyKey,
      ],
    );
    if (rows[0]) return toPayment(rows[0]);
    const existing =
      (p.idempotencyKey && (await this.byIdempotencyKey(p.userId, p.idempotencyKey))) || (p.checkoutSessionId && (await this.bySession(p.checkoutSessionId)));
    if (!existing) throw new Error('payment insert conflicted with a row that cannot be found');
    return existing;
  }

  /** Locks the payment a checkout session pays for, for the rest of the transaction. */
  async lockBySession(tx: Sql, sessionId: string): Promise<PaymentRecord | null> {
    const rows = await tx.query(`select ${COLUMNS} from payment where checkout_session_id = $1 for update`, [sessionId]);
    return rows[0] ? toPayment(rows[0]) : null;
  }

  async markPaid(tx: Sql, id: string, paid: { creditsGranted: bigint; amountCents: number; paymentIntentId: string | null }): Promise<void> {
    await tx.query(
      `update payment set status = 'paid', credits_granted = $2, amount_cents = $3, stripe_payment_intent_id = coalesce($4, stripe_payment_intent_id),
         paid_at = now(), updated_at = now() where id = $1`,
      [id, paid.creditsGranted, paid.amountCents, paid.paymentIntentId],
    );
  }

  /** Moves a pending payment to `status`; a payment already settled one way or another stays as it is. */
  async closePending(tx: Sql, id: string, status: 'failed' | 'canceled'): Promise<boolean> {
    const rows = await tx.query(`update payment set status = $2, updated_at = now() where id = $1 and status = 'pending' returning id`, [id, status]);
    return rows.length > 0;
  }

  /** The user's payments, newest first; `after` is the `seq` of the previous page's last row. */
  async page(userId: string, first: number, after: bigint | null): Promise<{ nodes: PaymentRecord[]; hasNextPage: boolean; totalCount: number }> {
    const [{ count }] = (await this.sql.query(`select count(*)::int as count from payment where user_id = $1`, [userId])) as [{ count: number }];
    const rows = await this.sql.query(`select ${COLUMNS} from payment where user_id = $1 and ($2::bigint is null or seq < $2) order by seq desc limit $3`, [
      userId,
      after,
      first + 1,
    ]);
    return { nodes: rows.slice(0, first).map(toPayment), hasNextPage: rows.length > first, totalCount: count };
  }

  async customerOf(userId: string): Promise<string | null> {
    const rows = await this.sql.query(`select stripe_customer_id from billing_customer where user_id = $1`, [userId]);
    return rows[0]?.stripe_customer_id ?? null;
  }

  /** Records the user's customer unless one is already recorded; returns the one on record. */
  async saveCustomer(userId: string, stripeCustomerId: string): Promise<string> {
    await this.sql.query(`insert into billing_customer (user_id, stripe_customer_id) values ($1, $2) on conflict do nothing`, [userId, stripeCustomerId]);
    return (await this.customerOf(userId))!;
  }
}
