import Stripe from 'stripe';
import type { Sql, SqlPool } from '../../platform/sql.js';
import type { CheckoutCouponReservation, CheckoutCoupons, CheckoutTarget } from '../billing/index.js';
import type { StripeClient } from '../billing/index.js';
import type { WebhookHandlers } from '../billing/index.js';
import type { CouponRecord } from './coupon.domain.js';
import { discountedCents, isDiscount, STRIPE_MIN_CHARGE_CENTS } from './coupon.domain.js';
import { CouponRefusedError } from './coupon.errors.js';
import type { CouponRules } from './coupon.rules.js';
import type { CouponStore } from './coupon.store.js';

/** Stripe's coupon for ours: one per code, its id derived from the code, so creating it again finds the same one. */
export const stripeCouponId = (code: string) => `tollgate_${code}`;

/**
 * Discount coupons at checkout (docs/decisions/0022-coupons.md). Opening a checkout RESERVES one
 * redemption (counted like any other, status pending, keyed `checkout:<session>`); the payment
 * confirms it (the Checkout webhooks, the test checkout's Pay); the session expiring or failing,
 * or the test checkout's Fail/Cancel, RELEASES it and gives the counts back.
 */
export class CouponCheckout implements CheckoutCoupons {
  constructor(private readonly deps: { sql: SqlPool; store: CouponStore; rules: CouponRules; stripe: StripeClient | null }) {}

  async reserve(userId: string, rawCode: string, target: CheckoutTarget): Promise<CheckoutCouponReservation> {
    const coupon = await this.deps.rules.find(rawCode);
    if (!isDiscount(coupon.kind)) throw new CouponRefusedError('NOT_APPLICABLE', `Coupon ${coupon.code} is not a discount: redeem it on the Promotions page`);
    await this.deps.rules.check(coupon, userId, target.code);
    const amountCents = discountedCents(coupon, target.priceCents);
    if (amountCents < STRIPE_MIN_CHARGE_CENTS) {
      throw new CouponRefusedError('NOT_APPLICABLE', `Coupon ${coupon.code} would bring this checkout below $0.50, the smallest charge Stripe takes`);
    }
    const id = await this.deps.sql.transaction(async (tx) => {
      await this.deps.rules.count(tx, coupon, userId);
      return this.deps.store.record(tx, {
        couponId: coupon.id,
        userId,
        status: 'pending',
        amountCents,
        discountCents: target.priceCents - amountCents,
        targetCode: target.code,
      });
    });
    return {
      amountCents,
      stripeCouponId: () => this.stripeCoupon(coupon),
      attach: (sessionId) => this.deps.store.setReference(this.deps.sql, id, `checkout:${sessionId}`),
      release: async () => void (await this.deps.sql.transaction((tx) => this.deps.store.release(tx, { id }))),
    };
  }

  async amountFor(tx: Sql, sessionId: string): Promise<number | null> {
    return this.deps.store.pendingAmount(tx, `checkout:${sessionId}`);
  }

  async paid(tx: Sql, sessionId: string): Promise<void> {
    await this.deps.store.confirm(tx, `checkout:${sessionId}`);
  }

  async closed(tx: Sql, sessionId: string): Promise<void> {
    await this.deps.store.release(tx, { reference: `checkout:${sessionId}` });
  }

  /** Our handlers beside billing's: each only touches a reservation keyed by the session, so a session of no coupon is ignored. */
  register(handlers: WebhookHandlers): void {
    const session = (event: Stripe.Event) => event.data.object as Stripe.Checkout.Session;
    const paid = async (event: Stripe.Event, tx: Sql) => {
      const s = session(event);
      if (s.payment_status === 'paid' || s.payment_status === 'no_payment_required') await this.paid(tx, s.id);
    };
    handlers.register('checkout.session.completed', paid);
    handlers.register('checkout.session.async_payment_succeeded', paid);
    handlers.register('checkout.session.async_payment_failed', async (event, tx) => this.closed(tx, session(event).id));
    handlers.register('checkout.session.expired', async (event, tx) => this.closed(tx, session(event).id));
  }

  /** Creates Stripe's coupon once (idempotency key = its id); one that exists already is used as it is. */
  private async stripeCoupon(coupon: CouponRecord): Promise<string> {
    const stripe = this.deps.stripe!;
    const id = stripeCouponId(coupon.code);
    const params: Stripe.CouponCreateParams = {
      id,
      name: coupon.code.slice(0, 40),
      duration: 'once',
      metadata: { tollgate_coupon_code: coupon.code },
      ...(coupon.kind === 'percent_off' ? { percent_off: coupon.percentOff! } : { amount_off: coupon.amountOffCents!, currency: 'usd' }),
    };
    try {
      return (await stripe.coupons.create(params, { idempotencyKey: `tollgate-coupon-${id}` })).id;
    } catch (err) {
      if (err instanceof Stripe.errors.StripeError && err.code === 'resource_already_exists') return (await stripe.coupons.retrieve(id)).id;
      throw err;
    }
  }
}
