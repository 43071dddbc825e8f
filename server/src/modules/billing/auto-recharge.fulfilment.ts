import type Stripe from 'stripe';
import type { Sql } from '../../platform/sql.js';
import type { LedgerService } from '../ledger/index.js';
import type { AfterCommit } from './checkout.fulfilment.js';
import { grantPackage } from './package-grants.js';
import type { PaidGrantHooks } from './paid-grant-hooks.js';
import type { AutoRechargeStore } from './auto-recharge.store.js';

/**
 * What fulfilment reads of a PaymentIntent: the object of a signed `payment_intent.*` event, or the
 * one test mode synthesises for its test card. Nothing else reaches it.
 */
export type PaymentIntentLike = Pick<Stripe.PaymentIntent, 'id' | 'status' | 'amount' | 'currency' | 'metadata'> & {
  amount_received?: number | null;
  last_payment_error?: { message?: string | null; code?: string | null } | null;
};

export type AutoRechargeOutcome = 'granted' | 'already-paid' | 'not-paid' | 'not-ours' | 'failed' | 'already-closed';

interface LockedPayment {
  id: string;
  userId: string;
  status: string;
  packageCode: string;
  amountCents: number;
  credits: bigint;
  bonusCredits: bigint;
}

/**
 * Turns a succeeded auto-recharge PaymentIntent into credits exactly once, and a failed one into
 * "off, with the reason". Runs in a transaction its caller owns (the webhook event's, or test
 * mode's own); the payment row is locked first, then the ledger account (grantWithin).
 */
export class AutoRechargeFulfilment {
  constructor(
    private readonly store: AutoRechargeStore,
    private readonly ledger: Pick<LedgerService, 'grantWithin'>,
    private readonly paidGrants: PaidGrantHooks,
  ) {}

  async fulfil(tx: Sql, intent: PaymentIntentLike, afterCommit: AfterCommit): Promise<AutoRechargeOutcome> {
    const payment = await this.ours(tx, intent);
    if (!payment) return 'not-ours';
    if (payment.status === 'paid') return 'already-paid';
    if (intent.status !== 'succeeded') return 'not-paid';
    // A payment we had marked failed (the create call errored) that Stripe reports succeeded was paid: money received wins.
    const reference = `payment_intent:${intent.id}`;
    const granted = await grantPackage(
      this.ledger,
      tx,
      {
        userId: payment.userId,
        credits: payment.credits,
        bonusCredits: payment.bonusCredits,
        reference,
        description: `Auto-recharge: credit package ${payment.packageCode}`,
      },
      afterCommit,
    );
    await tx.query(
      `update payment set status = 'paid', credits_granted = $2, amount_cents = $3, stripe_payment_intent_id = $4, paid_at = now(), updated_at = now() where id = $1`,
      [payment.id, granted, intent.amount_received ?? intent.amount ?? payment.amountCents, intent.id],
    );
    await this.paidGrants.run(tx, { userId: payment.userId, reference, credits: granted }, afterCommit);
    return 'granted';
  }

  /** The charge failed: the payment FAILED, auto-recharge off with the reason. A settled payment stays as it is. */
  async fail(tx: Sql, intent: PaymentIntentLike | null, paymentId: string | null, message: string): Promise<AutoRechargeOutcome> {
    const payment = intent ? await this.ours(tx, intent) : paymentId ? await this.lock(tx, `id = $1`, paymentId) : null;
    if (!payment) return 'not-ours';
    if (payment.status !== 'pending') return 'already-closed';
    await tx.query(
      `update payment set status = 'failed', stripe_payment_intent_id = coalesce($2, stripe_payment_intent_id), updated_at = now() where id = $1`,
      [payment.id, intent?.id ?? null],
    );
    await this.store.turnOff(tx, payment.userId, message);
    return 'failed';
  }

  /**
   * The auto-recharge payment an intent pays for, locked: by the payment id Tollgate put in its
   * metadata (the event may come before the create call's answer was recorded), else by the intent id.
   */
  private async ours(tx: Sql, intent: PaymentIntentLike): Promise<LockedPayment | null> {
    const meta = intent.metadata ?? {};
    if (meta.tollgate_kind !== 'auto_recharge') return null;
    const byId = typeof meta.tollgate_payment_id === 'string' && /^[0-9a-f-]{36}$/.test(meta.tollgate_payment_id);
    const payment = byId ? await this.lock(tx, `id = $1`, meta.tollgate_payment_id!) : await this.lock(tx, `stripe_payment_intent_id = $1`, intent.id);
    if (!payment) return null; // another deployment on the same Stripe account: nothing of ours to change
    if (meta.tollgate_user_id && meta.tollgate_user_id !== payment.userId) {
      throw new Error(`payment intent ${intent.id} names a different user than its payment`);
    }
    return payment;
  }

  private async lock(tx: Sql, where: string, value: string): Promise<LockedPayment | null> {
    const [r] = await tx.query(
      `select id, user_id, status, package_code, amount_cents, credits, bonus_credits from payment where ${where} and kind = 'auto_recharge' for update`,
      [value],
    );
    return r
      ? {
          id: r.id,
          userId: r.user_id,
          status: r.status,
          packageCode: r.package_code,
          amountCents: r.amount_cents,
          credits: BigInt(r.credits),
          bonusCredits: BigInt(r.bonus_credits),
        }
      : null;
  }
}
