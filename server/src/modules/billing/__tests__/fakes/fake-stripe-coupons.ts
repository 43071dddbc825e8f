import { type FakeStripe, missing, nowSeconds, StripeError, type StripeObject } from './fake-stripe.js';

/**
 * Stripe coupons for the fake, and Checkout Sessions with `discounts: [{ coupon }]`: the session's
 * `amount_total` is the subtotal less the discount, as Stripe computes it for one line (percent:
 * rounded to the cent; amount: never below zero), with `total_details.amount_discount` and the
 * session's `discounts` set. Sessions without discounts are left to the base fake.
 */
export class FakeCoupons {
  readonly coupons = new Map<string, StripeObject>();

  constructor(private readonly fake: FakeStripe) {
    fake.use((method, path, p) => this.route(method, path, p));
  }

  private route(method: string, path: string, p: Record<string, any>): unknown {
    if (path === '/v1/coupons' && method === 'POST') return this.create(p);
    const one = /^\/v1\/coupons\/([^/]+)$/.exec(path);
    if (one && method === 'GET') return this.fake.find(this.coupons, one[1]!, 'coupon');
    if (path === '/v1/checkout/sessions' && method === 'POST' && Array.isArray(p.discounts) && p.discounts.length > 0) return this.discounted(p);
    return undefined;
  }

  private create(p: Record<string, any>): StripeObject {
    if (!p.duration) throw missing('duration');
    if (p.id && this.coupons.has(p.id)) throw new StripeError(400, 'invalid_request_error', 'Coupon already exists.', 'resource_already_exists', 'id');
    if ((p.percent_off == null) === (p.amount_off == null))
      throw new StripeError(400, 'invalid_request_error', 'Coupons need exactly one of percent_off and amount_off.', undefined, 'percent_off');
    if (p.amount_off != null && !p.currency) throw missing('currency');
    const coupon: StripeObject = {
      id: p.id,
      object: 'coupon',
      amount_off: p.amount_off == null ? null : Number(p.amount_off),
      created: nowSeconds(),
      currency: p.currency ?? null,
      duration: p.duration,
      duration_in_months: null,
      livemode: false,
      max_redemptions: null,
      metadata: p.metadata ?? {},
      name: p.name ?? null,
      percent_off: p.percent_off == null ? null : Number(p.percent_off),
      redeem_by: null,
      times_redeemed: 0,
      valid: true,
    };
    this.coupons.set(coupon.id, coupon);
    return coupon;
  }

  private discounted(p: Record<string, any>): StripeObject {
    const { discounts, ...rest } = p;
    if (discounts.length > 1) throw new StripeError(400, 'invalid_request_error', 'You may only specify one discount.', undefined, 'discounts');
    const coupon = this.fake.find(this.coupons, discounts[0].coupon, 'coupon');
    // The base fake builds the session (its private builder); this router then applies the coupon to it.
    const session = (this.fake as unknown as { createCheckoutSession(q: Record<string, any>): StripeObject }).createCheckoutSession(rest);
    const subtotal = session.amount_subtotal as number;
    const off = coupon.percent_off != null ? Math.round((subtotal * coupon.percent_off) / 100) : Math.min(subtotal, coupon.amount_off);
    Object.assign(session, {
      amount_total: subtotal - off,
      discounts: [{ coupon: coupon.id, promotion_code: null }],
      total_details: { ...session.total_details, amount_discount: off },
    });
    return session;
  }
}
