import { bool, list, missing, newId, nowSeconds, StripeError, type FakeStripe, type StripeObject } from './fake-stripe.js';

/** A month, as the fake bills it (Stripe anchors to calendar months; the arithmetic here only needs a fixed length). */
export const PERIOD_SECONDS = 30 * 24 * 3600;

/**
 * Stripe Billing in the fake (API version 2026-11-18): subscriptions created from a completed
 * subscription-mode Checkout, their invoices in the new shape (`parent.subscription_details`,
 * lines with `period`, `pricing` and proration details, `payments`), updates with proration, and the
 * Customer Portal. The helpers drive a lifecycle and return the objects the events would carry.
 */
export class FakeStripeSubscriptions {
  readonly subscriptions = new Map<string, StripeObject>();
  readonly invoices = new Map<string, StripeObject>();
  readonly portalSessions = new Map<string, StripeObject>();

  constructor(private readonly fake: FakeStripe) {
    fake.use((method, path, p) => this.route(method, path, p));
  }

  /** Answers only for objects this fake holds, so routers of other areas (refunds) still see the rest. */
  private route(method: string, path: string, p: Record<string, any>): unknown {
    const [, version, resource, rawId, extra] = path.split('/');
    const id = rawId && decodeURIComponent(rawId);
    if (version !== 'v1') return undefined;
    if (resource === 'subscriptions' && id && !extra && this.subscriptions.has(id)) {
      const sub = this.subscriptions.get(id)!;
      if (method === 'GET') return sub;
      if (method === 'POST') return this.update(sub, p);
      if (method === 'DELETE') return this.remove(sub.id);
    }
    if (resource === 'invoices' && id && !extra && method === 'GET' && this.invoices.has(id)) return this.asSent(this.invoices.get(id)!);
    if (resource === 'invoice_payments' && !id && method === 'GET' && this.invoices.has(p.invoice)) {
      const invoice = this.invoices.get(p.invoice)!;
      return list(
        '/v1/invoice_payments',
        invoice.payments.data.filter((x: StripeObject) => !p.status || x.status === p.status),
      );
    }
    if (resource === 'billing_portal' && id === 'sessions' && method === 'POST') return this.portal(p);
    return undefined;
  }

  /**
   * The customer finished a subscription-mode Checkout: the session completes, the subscription
   * starts (metadata from `subscription_data`) and its first invoice is paid. Returns what
   * `checkout.session.completed`, `customer.subscription.created` and `invoice.paid` carry.
   */
  completeCheckout(sessionId: string): { session: StripeObject; subscription: StripeObject; invoice: StripeObject } {
    const session = this.fake.find(this.fake.checkoutSessions, sessionId, 'checkout session');
    if (session.mode !== 'subscription') throw new Error('not a subscription-mode session');
    const create = this.fake
      .calls('POST', '/v1/checkout/sessions')
      .filter((c) => c.params.mode === 'subscription' && c.params.client_reference_id === session.client_reference_id)
      .at(-1);
    const priceId = create?.params.line_items?.[0]?.price;
    const price = this.fake.find(this.fake.prices, priceId, 'price');
    const now = nowSeconds();
    const id = newId('sub');
    const item = {
      id: newId('si'),
      object: 'subscription_item',
      created: now,
      current_period_start: now,
      current_period_end: now + PERIOD_SECONDS,
      discounts: [],
      metadata: {},
      price: structuredClone(price),
      quantity: 1,
      subscription: id,
      tax_rates: [],
    };
    const subscription: StripeObject = {
      id,
      object: 'subscription',
      application: null,
      billing_cycle_anchor: now,
      cancel_at: null,
      cancel_at_period_end: false,
      canceled_at: null,
      collection_method: 'charge_automatically',
      created: now,
      currency: price.currency,
      customer: session.customer,
      default_payment_method: null,
      description: null,
      discounts: [],
      ended_at: null,
      items: list(`/v1/subscription_items?subscription=${id}`, [item]),
      latest_invoice: null,
      livemode: false,
      metadata: create?.params.subscription_data?.metadata ?? {},
      pending_update: null,
      schedule: null,
      start_date: now,
      status: 'active',
      test_clock: null,
      trial_end: null,
      trial_start: null,
    };
    this.subscriptions.set(id, subscription);
    const invoice = this.invoice(subscription, 'subscription_create', [this.line(subscription, price.unit_amount, now, now + PERIOD_SECONDS, false)], 'paid');
    Object.assign(session, { status: 'complete', payment_status: 'paid', subscription: id, invoice: invoice.id, url: null });
    return { session: structuredClone(session), subscription: this.snapshot(id), invoice: this.asSent(invoice) };
  }

  /** The next period: a cycle invoice at the current price, paid (or failed: the subscription goes past_due). */
  renew(subscriptionId: string, outcome: 'paid' | 'failed' = 'paid'): { subscription: StripeObject; invoice: StripeObject } {
    const sub = this.fake.find(this.subscriptions, subscriptionId, 'subscription');
    const item = sub.items.data[0];
    if (sub.cancel_at_period_end) return { subscription: this.remove(sub.id), invoice: null as never };
    const start = item.current_period_end;
    Object.assign(item, { current_period_start: start, current_period_end: start + PERIOD_SECONDS });
    const invoice = this.invoice(
      sub,
      'subscription_cycle',
      [this.line(sub, item.price.unit_amount, start, start + PERIOD_SECONDS, false)],
      outcome === 'paid' ? 'paid' : 'open',
    );
    sub.status = outcome === 'paid' ? 'active' : 'past_due';
    return { subscription: this.snapshot(sub.id), invoice: this.asSent(invoice) };
  }

  /** A retry of an open invoice succeeded: paid, and the subscription active again. */
  payInvoice(invoiceId: string): StripeObject {
    const invoice = this.fake.find(this.invoices, invoiceId, 'invoice');
    this.settle(invoice);
    this.subscriptions.get(invoice.parent.subscription_details.subscription)!.status = 'active';
    return this.asSent(invoice);
  }

  /** The subscription ended (cancelled now, or at its period end). Returns what `customer.subscription.deleted` carries. */
  remove(subscriptionId: string): StripeObject {
    const sub = this.fake.find(this.subscriptions, subscriptionId, 'subscription');
    Object.assign(sub, { status: 'canceled', canceled_at: nowSeconds(), ended_at: nowSeconds() });
    return this.snapshot(sub.id);
  }

  snapshot(subscriptionId: string): StripeObject {
    return structuredClone(this.fake.find(this.subscriptions, subscriptionId, 'subscription'));
  }

  latestInvoice(subscriptionId: string): StripeObject {
    const sub = this.fake.find(this.subscriptions, subscriptionId, 'subscription');
    return this.asSent(this.fake.find(this.invoices, sub.latest_invoice, 'invoice'));
  }

  /** The invoice's payments (the test reads the payment intent from them). */
  paymentsOf(invoiceId: string): StripeObject[] {
    return structuredClone(this.fake.find(this.invoices, invoiceId, 'invoice').payments.data);
  }

  /** An invoice as Stripe sends it in an event or a plain retrieve: `payments` is includable, so it is absent. */
  private asSent(invoice: StripeObject): StripeObject {
    const { payments: _payments, ...rest } = structuredClone(invoice);
    return rest as StripeObject;
  }

  private update(sub: StripeObject, p: Record<string, any>): StripeObject {
    if (sub.status === 'canceled')
      throw new StripeError(400, 'invalid_request_error', 'A canceled subscription can only update its cancellation_details and metadata.');
    if (p.cancel_at_period_end !== undefined) sub.cancel_at_period_end = bool(p.cancel_at_period_end, false);
    if (p.metadata) sub.metadata = { ...sub.metadata, ...p.metadata };
    const change = p.items?.[0];
    if (change) {
      const item = sub.items.data[0];
      if (change.id !== item.id)
        throw new StripeError(400, 'invalid_request_error', `No such subscription item: '${change.id}'`, 'resource_missing', 'items[0][id]');
      if (!change.price) throw missing('items[0][price]');
      const price = this.fake.find(this.fake.prices, change.price, 'price');
      const old = item.price;
      item.price = structuredClone(price);
      const behavior = p.proration_behavior ?? 'create_prorations';
      if (behavior === 'always_invoice') {
        // Stripe's proration: unused time at the old price credited, the rest of the period at the new price charged.
        const now = nowSeconds();
        const end = item.current_period_end;
        const share = (amount: number) => Math.round((amount * (end - now)) / (end - item.current_period_start));
        const lines = [this.line(sub, -share(old.unit_amount), now, end, true, old.id), this.line(sub, share(price.unit_amount), now, end, true, price.id)];
        this.invoice(sub, 'subscription_update', lines, 'paid');
      }
    }
    return structuredClone(sub);
  }

  private portal(p: Record<string, any>): StripeObject {
    if (!p.customer) throw missing('customer');
    if (!this.fake.customers.has(p.customer))
      throw new StripeError(404, 'invalid_request_error', `No such customer: '${p.customer}'`, 'resource_missing', 'customer');
    const id = newId('bps');
    const session = {
      id,
      object: 'billing_portal.session',
      configuration: newId('bpc'),
      created: nowSeconds(),
      customer: p.customer,
      flow: null,
      livemode: false,
      locale: null,
      on_behalf_of: null,
      return_url: p.return_url ?? null,
      url: `https://billing.stripe.com/p/session/${id}`,
    };
    this.portalSessions.set(id, session);
    return session;
  }

  private line(sub: StripeObject, amount: number, start: number, end: number, proration: boolean, priceId?: string): StripeObject {
    const price = priceId ? this.fake.find(this.fake.prices, priceId, 'price') : sub.items.data[0].price;
    return {
      id: newId('il'),
      object: 'line_item',
      amount,
      currency: sub.currency,
      description: null,
      discount_amounts: [],
      discountable: true,
      discounts: [],
      invoice: null,
      livemode: false,
      metadata: {},
      parent: {
        type: 'subscription_item_details',
        invoice_item_details: null,
        subscription_item_details: {
          invoice_item: null,
          proration,
          proration_details: { credited_items: null },
          subscription: sub.id,
          subscription_item: sub.items.data[0].id,
        },
      },
      period: { start, end },
      pretax_credit_amounts: [],
      pricing: { type: 'price_details', price_details: { price: price.id, product: price.product }, unit_amount_decimal: String(price.unit_amount) },
      quantity: 1,
      subtotal: amount,
      taxes: [],
    };
  }

  private invoice(sub: StripeObject, billingReason: string, lines: StripeObject[], status: 'paid' | 'open'): StripeObject {
    const id = newId('in');
    const total = lines.reduce((sum, l) => sum + l.amount, 0);
    for (const l of lines) l.invoice = id;
    const invoice: StripeObject = {
      id,
      object: 'invoice',
      amount_due: Math.max(0, total),
      amount_paid: 0,
      amount_remaining: Math.max(0, total),
      attempt_count: 1,
      billing_reason: billingReason,
      collection_method: 'charge_automatically',
      created: nowSeconds(),
      currency: sub.currency,
      customer: sub.customer,
      livemode: false,
      lines: list(`/v1/invoices/${id}/lines`, lines),
      metadata: {},
      parent: { type: 'subscription_details', quote_details: null, subscription_details: { metadata: sub.metadata, subscription: sub.id } },
      payments: list(`/v1/invoice_payments?invoice=${id}`, []),
      period_end: lines[0]!.period.start,
      period_start: lines[0]!.period.start,
      status: 'open',
      subtotal: total,
      total,
    };
    this.invoices.set(id, invoice);
    sub.latest_invoice = id;
    if (status === 'paid') this.settle(invoice);
    return invoice;
  }

  private settle(invoice: StripeObject): void {
    const paidAt = nowSeconds();
    Object.assign(invoice, { status: 'paid', amount_paid: invoice.amount_due, amount_remaining: 0 });
    invoice.payments.data.push({
      id: newId('inpay'),
      object: 'invoice_payment',
      amount_paid: invoice.amount_due,
      amount_requested: invoice.amount_due,
      created: paidAt,
      currency: invoice.currency,
      invoice: invoice.id,
      is_default: true,
      livemode: false,
      payment: { type: 'payment_intent', payment_intent: newId('pi') },
      status: 'paid',
      status_transitions: { canceled_at: null, paid_at: paidAt },
    });
  }
}
