import { randomBytes } from 'node:crypto';
import type Stripe from 'stripe';
import type { Logger } from '../../platform/logger.js';
import type { SqlPool } from '../../platform/sql.js';
import type { AfterCommit } from './checkout.fulfilment.js';
import type { AutoRechargeFulfilment, PaymentIntentLike } from './auto-recharge.fulfilment.js';
import type { AutoRechargeStore, ClaimedCharge } from './auto-recharge.store.js';
import { savedCard, TEST_DECLINE_EMAIL } from './auto-recharge.card.js';
import { billingEmail } from './billing.contact.js';
import type { StripeClient } from './stripe.client.js';

/** The Stripe idempotency key of a crossing's charge: a retried create (SDK retry, a second caller) reaches the same intent. */
export const chargeKey = (userId: string, crossing: number) => `tollgate-auto-recharge-${userId}-${crossing}`;

/** The SDK's error types after which a charge may or may not have happened (everything else is a definite refusal). */
const TRANSIENT = new Set(['StripeConnectionError', 'StripeAPIError', 'StripeRateLimitError']);

export interface ChargeDeps {
  sql: SqlPool;
  store: AutoRechargeStore;
  fulfilment: AutoRechargeFulfilment;
  stripe: StripeClient | null;
  customerOf: (userId: string) => Promise<string | null>;
  log: Logger;
}

/**
 * Charges one claimed crossing. Stripe: an off-session PaymentIntent on the saved card; credits
 * arrive only with `payment_intent.succeeded`. Test mode: the test card succeeds at once (unless the
 * user's e-mail asks for declines) and is fulfilled through the webhook's own fulfilment.
 */
export class AutoRechargeCharger {
  constructor(private readonly deps: ChargeDeps) {}

  async charge(claim: ClaimedCharge): Promise<void> {
    if (claim.testMode) return this.chargeTestCard(claim);
    const stripe = this.deps.stripe;
    if (!stripe) return this.failed(claim, null, 'Payments are not available on this server');
    const customer = await this.deps.customerOf(claim.userId);
    const card = customer ? await savedCard(stripe, customer) : null;
    if (!customer || !card) return this.failed(claim, null, 'No saved card: buy a package first to save a card');
    let intent: Stripe.PaymentIntent;
    try {
      intent = await stripe.paymentIntents.create(
        {
          amount: claim.amountCents,
          currency: 'usd',
          customer,
          payment_method: card,
          off_session: true,
          confirm: true,
          description: `Tollgate auto-recharge: credit package ${claim.packageCode}`,
          metadata: {
            tollgate_kind: 'auto_recharge',
            tollgate_user_id: claim.userId,
            tollgate_package_code: claim.packageCode,
            tollgate_payment_id: claim.paymentId,
          },
        },
        { idempotencyKey: chargeKey(claim.userId, claim.crossing) },
      );
    } catch (err) {
      // `raw` is Stripe's error object as sent (the SDK's own message adds the request id).
      const raw = (err as { raw?: { payment_intent?: { id?: string }; message?: string }; type?: string; message?: string }) ?? {};
      this.deps.log.warn({ userId: claim.userId, paymentId: claim.paymentId, type: raw.type, err: raw.message }, 'auto-recharge charge failed');
      // Stripe unreachable or failing after the SDK's own retries: whether it charged is unknown, so the
      // payment stays pending and the stalled-charge path asks again later with the same idempotency key.
      if (raw.type !== undefined && TRANSIENT.has(raw.type)) return;
      // A card error (declined, authentication required) carries the failed intent; any other refusal is "could not charge".
      const message = raw.type === 'StripeCardError' ? (raw.raw?.message ?? 'Your card was declined') : 'The charge could not be made';
      return this.failed(claim, raw.raw?.payment_intent?.id ?? null, message);
    }
    await this.deps.sql.query(`update payment set stripe_payment_intent_id = $2, updated_at = now() where id = $1 and stripe_payment_intent_id is null`, [
      claim.paymentId,
      intent.id,
    ]);
    // Off-session without a card error means succeeded or processing: the webhook settles it.
    if (intent.status === 'requires_payment_method' || intent.status === 'requires_action' || intent.status === 'canceled') {
      return this.failed(claim, intent.id, intent.last_payment_error?.message ?? 'The card needs the cardholder to confirm the payment');
    }
  }

  private async chargeTestCard(claim: ClaimedCharge): Promise<void> {
    // The billing contact's address decides (a team's billing e-mail): the card is the account's.
    const declines = TEST_DECLINE_EMAIL.test((await billingEmail(this.deps.sql, claim.userId)) ?? '');
    const intent: PaymentIntentLike = {
      id: `pi_tollgate_test_${randomBytes(16).toString('hex')}`,
      status: declines ? 'requires_payment_method' : 'succeeded',
      amount: claim.amountCents,
      amount_received: declines ? 0 : claim.amountCents,
      currency: 'usd',
      metadata: {
        tollgate_kind: 'auto_recharge',
        tollgate_user_id: claim.userId,
        tollgate_package_code: claim.packageCode,
        tollgate_payment_id: claim.paymentId,
      },
      last_payment_error: declines ? { code: 'card_declined', message: 'Your card was declined (test mode)' } : null,
    };
    if (declines) return this.failed(claim, intent.id, intent.last_payment_error!.message!, intent);
    const committed: Array<() => void> = [];
    const afterCommit: AfterCommit = (fn) => committed.push(fn);
    await this.deps.sql.transaction(async (tx) => {
      committed.length = 0;
      await this.deps.fulfilment.fulfil(tx, intent, afterCommit);
    });
    for (const fn of committed) fn();
  }

  private async failed(claim: ClaimedCharge, intentId: string | null, message: string, intent?: PaymentIntentLike): Promise<void> {
    await this.deps.sql.transaction(async (tx) => {
      if (intentId)
        await tx.query(`update payment set stripe_payment_intent_id = coalesce(stripe_payment_intent_id, $2) where id = $1`, [claim.paymentId, intentId]);
      await this.deps.fulfilment.fail(tx, intent ?? null, claim.paymentId, message);
    });
  }
}
