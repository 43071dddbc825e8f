import { randomBytes } from 'node:crypto';
import { BadUserInputError, NotFoundError, PaymentsUnavailableError } from '../../platform/errors.js';
import type { SqlPool } from '../../platform/sql.js';
import type { Tier } from '../catalog/index.js';
import type { BillingService, CheckoutCouponReservation, CheckoutSessionResult, PaymentsMode } from './billing.service.js';
import type Stripe from 'stripe';
import { stateOf } from './subscription.invoice.js';
import type { SubscriptionRecord, SubscriptionStore } from './subscription.store.js';
import type { SubscriptionTestMode } from './subscription.test-mode.js';
import { tierLookupKey } from './stripe-sync.js';
import type { StripeClient } from './stripe.client.js';

export interface SubscribeInput {
  tierCode: string;
  couponCode?: string | null;
}

interface Deps {
  publicUrl: string;
  sql: SqlPool;
  store: SubscriptionStore;
  billing: BillingService;
  stripe: StripeClient | null;
  tiers: () => Promise<Tier[]>;
  testMode: SubscriptionTestMode;
  mode: () => PaymentsMode;
}

type User = { id: string; email: string };
const MAX_CODE_CHARS = 64;

/**
 * The subscription use cases. Every refusal comes before any write or Stripe call; state changes
 * made here are what Stripe answered (stored like a webhook's re-read), and credits only ever come
 * from a paid invoice (subscription.allocation.ts).
 */
export class SubscriptionService {
  constructor(private readonly deps: Deps) {}

  async current(userId: string): Promise<SubscriptionRecord | null> {
    if (this.deps.mode() === 'test') await this.deps.testMode.renewDue(userId);
    return this.deps.store.current(this.deps.sql, userId);
  }

  async subscribe(user: User, input: SubscribeInput): Promise<CheckoutSessionResult> {
    const code = tierCodeOf(input.tierCode);
    const mode = this.available();
    const couponCode = this.deps.billing.couponCodeOf(input.couponCode);
    const tier = await this.paidTier(code);
    if (await this.deps.store.live(this.deps.sql, user.id))
      throw new BadUserInputError('You already have a subscription: use changeSubscription to change its tier', 'tierCode');
    // A discount (first invoice only) is reserved before the checkout opens, and given back if it does not.
    const reservation = couponCode
      ? await this.deps.billing.coupons!.reserve(user.id, couponCode, { kind: 'tier', code: tier.code, priceCents: tier.monthlyPriceCents })
      : null;
    try {
      const opened = mode === 'test' ? await this.deps.testMode.open(user.id, tier) : await this.openStripeCheckout(user, tier, reservation);
      await reservation?.attach(opened.id);
      return opened;
    } catch (err) {
      await reservation?.release();
      throw err;
    }
  }

  private async openStripeCheckout(user: User, tier: Tier, reservation: CheckoutCouponReservation | null): Promise<CheckoutSessionResult> {
    const stripe = this.deps.stripe!;
    const customer = await this.deps.billing.customer(user);
    const price = await this.deps.billing.priceByLookupKey(tierLookupKey(tier.code), tier.monthlyPriceCents, 'month');
    const metadata = { tollgate_kind: 'subscription', tollgate_user_id: user.id, tollgate_tier_code: tier.code };
    const session = await stripe.checkout.sessions.create({
      mode: 'subscription',
      customer,
      client_reference_id: user.id,
      line_items: [{ price, quantity: 1 }],
      ...(reservation ? { discounts: [{ coupon: await reservation.stripeCouponId() }] } : {}),
      success_url: this.deps.billing.returnUrl('success', '{CHECKOUT_SESSION_ID}'),
      cancel_url: this.deps.billing.returnUrl('cancel', '{CHECKOUT_SESSION_ID}'),
      metadata,
      subscription_data: { metadata },
    });
    if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a URL`);
    return { id: session.id, url: session.url };
  }

  /** Upgrade now (prorated, its credit granted when the proration invoice is paid), downgrade at renewal. */
  async change(user: User, tierCode: string): Promise<SubscriptionRecord> {
    const code = tierCodeOf(tierCode);
    const mode = this.available();
    const to = await this.paidTier(code);
    const sub = await this.liveOf(user.id);
    if (to.code === sub.tierCode && !sub.pendingTierCode) throw new BadUserInputError(`You are already on ${to.name}`, 'tierCode');
    if (to.code === sub.pendingTierCode) throw new BadUserInputError(`${to.name} already starts at your next renewal`, 'tierCode');
    const from = (await this.deps.tiers()).find((t) => t.code === sub.tierCode) ?? to;
    const upgrade = to.monthlyPriceCents > from.monthlyPriceCents;
    if (mode === 'test') await this.deps.testMode.change(sub, from, to, upgrade);
    else {
      const stripe = this.deps.stripe!;
      const current = await stripe.subscriptions.retrieve(sub.stripeSubscriptionId);
      const item = current.items.data[0];
      if (!item) throw new Error(`Stripe subscription ${sub.stripeSubscriptionId} has no item`);
      const price = await this.deps.billing.priceByLookupKey(tierLookupKey(to.code), to.monthlyPriceCents, 'month');
      await this.stripeUpdate(sub, () =>
        stripe.subscriptions.update(sub.stripeSubscriptionId, {
          items: [{ id: item.id, price }],
          // Upgrade: Stripe invoices the difference now. Downgrade (or back to the tier paid for): the
          // new price bills from the renewal on, and the tier paid for this period stays until then.
          proration_behavior: upgrade ? 'always_invoice' : 'none',
        }),
      );
    }
    return (await this.deps.store.lockById(this.deps.sql, sub.id))!;
  }

  async setCancelAtPeriodEnd(user: User, cancel: boolean): Promise<SubscriptionRecord> {
    const mode = this.available();
    const sub = await this.liveOf(user.id);
    if (mode === 'test') await this.deps.testMode.setCancelAtPeriodEnd(sub, cancel);
    else await this.stripeUpdate(sub, () => this.deps.stripe!.subscriptions.update(sub.stripeSubscriptionId, { cancel_at_period_end: cancel }));
    return (await this.deps.store.lockById(this.deps.sql, sub.id))!;
  }

  /** Stripe's Customer Portal; in test mode, Tollgate's own Billing page (where the same changes are made). */
  async portal(user: User): Promise<CheckoutSessionResult> {
    const mode = this.available();
    const returnUrl = `${this.deps.publicUrl}/billing`;
    if (mode === 'test') return { id: `bps_tollgate_test_${randomBytes(16).toString('hex')}`, url: returnUrl };
    const sub = await this.deps.store.current(this.deps.sql, user.id);
    const customer = sub?.stripeCustomerId ?? (await this.deps.billing.customer(user));
    const session = await this.deps.stripe!.billingPortal.sessions.create({ customer, return_url: returnUrl });
    return { id: session.id, url: session.url };
  }

  private async stripeUpdate(sub: SubscriptionRecord, update: () => Promise<Stripe.Subscription>): Promise<void> {
    const version = new Date();
    const updated = await update();
    await this.deps.sql.transaction(async (tx) => {
      await this.deps.store.lockById(tx, sub.id);
      await this.deps.store.applyState(tx, sub.id, stateOf(updated), version);
    });
  }

  private available(): 'stripe' | 'test' {
    const mode = this.deps.mode();
    if (mode === 'off') throw new PaymentsUnavailableError('Payments are not available: this server has no Stripe account configured and test mode is off');
    return mode;
  }

  private async paidTier(code: string): Promise<Tier> {
    const tier = (await this.deps.tiers()).find((t) => t.code === code);
    if (!tier) throw new NotFoundError('Tier');
    if (tier.monthlyPriceCents <= 0) throw new BadUserInputError(`${tier.name} is free: it needs no subscription`, 'tierCode');
    return tier;
  }

  private async liveOf(userId: string): Promise<SubscriptionRecord> {
    if (this.deps.mode() === 'test') await this.deps.testMode.renewDue(userId);
    const sub = await this.deps.store.live(this.deps.sql, userId);
    if (!sub) throw new NotFoundError('Subscription');
    // A coupon's free month (docs/decisions/0022-coupons.md) is no Stripe subscription: it just ends.
    if (sub.stripeSubscriptionId.startsWith('sub_tollgate_coupon_'))
      throw new BadUserInputError('Your free month ends by itself: subscribe once it is over', 'tierCode');
    return sub;
  }
}

function tierCodeOf(value: unknown): string {
  const code = typeof value === 'string' ? value.trim() : '';
  if (!code || code.length > MAX_CODE_CHARS) throw new BadUserInputError(`tierCode must be 1 to ${MAX_CODE_CHARS} characters`, 'tierCode');
  return code;
}
