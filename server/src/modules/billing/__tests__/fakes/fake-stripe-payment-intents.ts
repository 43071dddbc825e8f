import { FakeStripe, list, missing, newId, notFound, nowSeconds, StripeError, type StripeObject } from './fake-stripe.js';

/**
 * Saved cards and off-session PaymentIntents for the fake Stripe (auto-recharge): payment methods
 * attached to a customer (optionally its default), `POST /v1/payment_intents` with
 * `off_session` + `confirm` → succeeded, or a 402 `card_declined` card error for a customer told to
 * decline; `GET /v1/payment_intents/:id`, `GET /v1/payment_methods?customer=…&type=card`.
 */
export class FakePaymentIntents {
  readonly paymentMethods = new Map<string, StripeObject>();
  readonly paymentIntents = new Map<string, StripeObject>();
  /** Customers whose cards decline every charge. */
  readonly declining = new Set<string>();
  /** Customers for whom Stripe answers 429 before doing anything (Stripe saves no idempotent result for it): nothing is created. */
  readonly unavailable = new Set<string>();

  constructor(private readonly fake: FakeStripe) {
    fake.use((method, path, p) => this.route(method, path, p));
  }

  /** What a package Checkout with `setup_future_usage: off_session` leaves behind: a card on the customer. */
  saveCard(customerId: string, options: { asDefault?: boolean } = {}): string {
    const customer = this.fake.find(this.fake.customers, customerId, 'customer');
    const pm = {
      id: newId('pm'),
      object: 'payment_method',
      allow_redisplay: 'unspecified',
      billing_details: { address: null, email: null, name: null, phone: null },
      card: { brand: 'visa', country: 'US', exp_month: 12, exp_year: 2030, funding: 'credit', last4: '4242' },
      created: nowSeconds(),
      customer: customerId,
      livemode: false,
      metadata: {},
      type: 'card',
    };
    this.paymentMethods.set(pm.id, pm);
    if (options.asDefault) customer.invoice_settings = { ...customer.invoice_settings, default_payment_method: pm.id };
    return pm.id;
  }

  private route(method: string, path: string, p: Record<string, any>): unknown {
    if (path === '/v1/payment_intents' && method === 'POST') return this.create(p);
    const one = /^\/v1\/payment_intents\/([^/]+)$/.exec(path);
    if (one && method === 'GET') return this.fake.find(this.paymentIntents, one[1]!, 'payment_intent');
    if (path === '/v1/payment_methods' && method === 'GET') {
      const limit = Math.min(Number(p.limit ?? 10), 100);
      const data = [...this.paymentMethods.values()].filter((pm) => (!p.customer || pm.customer === p.customer) && (!p.type || pm.type === p.type));
      return list('/v1/payment_methods', data.reverse().slice(0, limit));
    }
    return undefined;
  }

  private create(p: Record<string, any>): StripeObject {
    if (p.amount === undefined || !/^\d+$/.test(p.amount) || Number(p.amount) < 50) throw missing('amount');
    if (!p.currency) throw missing('currency');
    if (p.customer) this.fake.find(this.fake.customers, p.customer, 'customer');
    if (this.unavailable.has(p.customer)) throw new StripeError(429, 'rate_limit_error', 'Too many requests hit the API too quickly.', 'rate_limit');
    const pm = p.payment_method ? this.paymentMethods.get(p.payment_method) : undefined;
    if (p.payment_method && !pm) throw notFound(`No such PaymentMethod: '${p.payment_method}'`, 'payment_method');
    if (pm && pm.customer !== p.customer)
      throw new StripeError(400, 'invalid_request_error', 'The payment method does not belong to this customer.', undefined, 'payment_method');
    const confirm = p.confirm === 'true';
    const declined = confirm && this.declining.has(p.customer);
    const intent: StripeObject = {
      id: newId('pi'),
      object: 'payment_intent',
      amount: Number(p.amount),
      amount_capturable: 0,
      amount_received: 0,
      capture_method: 'automatic',
      client_secret: `secret_${newId('pi')}`,
      confirmation_method: 'automatic',
      created: nowSeconds(),
      currency: String(p.currency).toLowerCase(),
      customer: p.customer ?? null,
      description: p.description ?? null,
      last_payment_error: null,
      latest_charge: null,
      livemode: false,
      metadata: p.metadata ?? {},
      payment_method: p.payment_method ?? null,
      payment_method_types: ['card'],
      setup_future_usage: null,
      status: confirm ? 'succeeded' : 'requires_confirmation',
    };
    if (declined) {
      Object.assign(intent, {
        status: 'requires_payment_method',
        last_payment_error: { type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' },
      });
      this.paymentIntents.set(intent.id, intent);
      throw new StripeError(402, 'card_error', 'Your card was declined.', 'card_declined');
    }
    if (confirm) Object.assign(intent, { amount_received: intent.amount, latest_charge: newId('ch') });
    this.paymentIntents.set(intent.id, intent);
    return intent;
  }
}
