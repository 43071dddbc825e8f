import Stripe from 'stripe';
import type { Sql } from '../../platform/sql.js';
import { isUuid } from '../../platform/ids.js';
import { LIVE_STATUSES } from './subscription.entities.js';
import { stateOf } from './subscription.invoice.js';
import type { SubscriptionRecord, SubscriptionStore } from './subscription.store.js';
import type { StripeClient } from './stripe.client.js';

export const FREE_TIER = 'free';

/**
 * Brings a subscription row up to what Stripe says now. Every subscription event comes through
 * here: the subscription is re-read from Stripe (the event's copy may be old), and the read is
 * stored only if no newer read is (`state_version`), so a late or reordered event never undoes a
 * newer state. A row is created from the subscription's metadata (set by `subscribe`), whichever
 * event arrives first.
 */
export class SubscriptionSync {
  constructor(private readonly deps: { stripe: StripeClient; store: SubscriptionStore }) {}

  /** The locked row and the fresh subscription; null for a subscription Tollgate did not open. */
  async sync(
    tx: Sql,
    stripeSubscriptionId: string,
    opts: { checkoutSessionId?: string } = {},
  ): Promise<{ row: SubscriptionRecord; sub: Stripe.Subscription } | null> {
    const version = new Date();
    const sub = await this.retrieve(stripeSubscriptionId);
    if (!sub) return null;
    const state = stateOf(sub);
    let row = await this.deps.store.lockByStripeId(tx, sub.id);
    if (!row) {
      const userId = sub.metadata?.tollgate_user_id;
      const tierCode = sub.metadata?.tollgate_tier_code ?? state.priceTierCode;
      if (!userId || !isUuid(userId) || !tierCode) return null;
      const user = await tx.query(`select 1 from app_user where id = $1`, [userId]);
      if (!user[0]) return null; // a deleted user's late event: nothing left to apply it to
      row = await this.deps.store.insert(tx, {
        userId,
        tierCode,
        stripeSubscriptionId: sub.id,
        stripeCustomerId: typeof sub.customer === 'string' ? sub.customer : (sub.customer?.id ?? null),
        checkoutSessionId: null,
        testMode: false,
        status: 'incomplete',
        version: new Date(0),
      });
    }
    if (opts.checkoutSessionId && !row.checkoutSessionId) {
      await tx.query(`update subscription set checkout_session_id = $2, checkout_status = 'complete' where id = $1`, [row.id, opts.checkoutSessionId]);
    }
    const applied = await this.deps.store.applyState(tx, row.id, state, version);
    // Only a subscription that gave its tier takes it away (an abandoned checkout's expiry leaves an admin-set tier alone).
    if (applied && state.status === 'canceled' && LIVE_STATUSES.includes(row.status)) await endTier(tx, this.deps.store, row.userId);
    return { row: (await this.deps.store.lockById(tx, row.id))!, sub };
  }

  private async retrieve(id: string): Promise<Stripe.Subscription | null> {
    try {
      return await this.deps.stripe.subscriptions.retrieve(id);
    } catch (err) {
      if (err instanceof Stripe.errors.StripeError && err.code === 'resource_missing') return null;
      throw err;
    }
  }
}

/** A subscription ended: the user is back on free, unless another subscription of theirs is live. */
export async function endTier(tx: Sql, store: SubscriptionStore, userId: string): Promise<void> {
  if (await store.live(tx, userId)) return;
  await store.setUserTier(tx, userId, FREE_TIER);
}
