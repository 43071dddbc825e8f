import type Stripe from 'stripe';
import type { Sql } from '../../platform/sql.js';
import type { LedgerService } from '../ledger/index.js';
import type { BillingStore, PaymentRecord } from './billing.store.js';
import { grantPackage } from './package-grants.js';
import type { PaidGrantHooks } from './paid-grant-hooks.js';

/**
 * What fulfilment reads of a Checkout Session: the object of a signed Stripe event, or the
 * synthetic one the test checkout builds. Nothing else (no success page, no client) reaches it.
 */
export type CheckoutSessionLike = Pick<Stripe.Checkout.Session, 'id' | 'mode' | 'payment_status' | 'amount_total' | 'client_reference_id'> & {
  payment_intent: string | { id: string } | null;
};

/** Runs a callback after the surrounding transaction commits (balance events must not announce a rollback). */
export type AfterCommit = (fn: () => void) => void;

export type FulfilOutcome = 'granted' | 'already-paid' | 'not-paid' | 'not-ours';

/**
 * Turns a paid Checkout Session into credits, exactly once. Every entry point (the three webhook
 * events and the test checkout) runs inside a transaction the caller owns and comes through here:
 * the payment row is locked first, so concurrent or reordered events for one session queue on it,
 * and the grants carry idempotency keys derived from the session, so even a second path that got
 * past the row would replay instead of granting again.
 */
export class CheckoutFulfilment {
  constructor(
    private readonly store: BillingStore,
    private readonly ledger: Pick<LedgerService, 'grantWithin'>,
    private readonly paidGrants: PaidGrantHooks,
  ) {}

  async fulfil(tx: Sql, session: CheckoutSessionLike, afterCommit: AfterCommit): Promise<FulfilOutcome> {
    const payment = await this.ours(tx, session);
    if (!payment) return 'not-ours';
    if (payment.status === 'paid') return 'already-paid';
    // `completed` arrives unpaid for delayed methods (bank debits); `async_payment_succeeded` follows.
    if (session.payment_status !== 'paid') return 'not-paid';
    // A failed or cancelled payment that Stripe later reports paid was paid: money received wins.
    const granted = await grantPackage(
      this.ledger,
      tx,
      {
        userId: payment.userId,
        credits: payment.credits,
        bonusCredits: payment.bonusCredits,
        reference: `checkout:${session.id}`,
        description: `Credit package ${payment.packageCode}`,
      },
      afterCommit,
    );
    const paymentIntent = typeof session.payment_intent === 'string' ? session.payment_intent : (session.payment_intent?.id ?? null);
    await this.store.markPaid(tx, payment.id, {
      creditsGranted: granted,
      amountCents: session.amount_total ?? payment.amountCents,
      paymentIntentId: paymentIntent,
    });
    await this.paidGrants.run(tx, { userId: payment.userId, reference: `checkout:${session.id}`, credits: granted }, afterCommit);
    return 'granted';
  }

  /** A delayed payment failed (or the test checkout's Fail): nothing is granted; a paid payment stays paid. */
  async fail(tx: Sql, session: CheckoutSessionLike): Promise<boolean> {
    const payment = await this.ours(tx, session);
    return payment ? this.store.closePending(tx, payment.id, 'failed') : false;
  }

  /** The session expired unpaid (or the test checkout's Cancel). */
  async cancel(tx: Sql, session: CheckoutSessionLike): Promise<boolean> {
    const payment = await this.ours(tx, session);
    return payment ? this.store.closePending(tx, payment.id, 'canceled') : false;
  }

  /**
   * The package payment this session pays for, locked; null for a session Tollgate did not open
   * (another integration on the same Stripe account, a subscription checkout handled elsewhere).
   */
  private async ours(tx: Sql, session: CheckoutSessionLike): Promise<PaymentRecord | null> {
    if (session.mode !== 'payment') return null;
    const payment = await this.store.lockBySession(tx, session.id);
    if (!payment || payment.kind !== 'package') return null;
    if (session.client_reference_id && session.client_reference_id !== payment.userId) {
      // Signed by Stripe yet naming another user than the row: a bug to look at, never a grant to guess.
      throw new Error(`checkout session ${session.id} names a different user than its payment`);
    }
    return payment;
  }
}
