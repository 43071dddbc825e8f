import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Answers one request it knows (a body, or throws StripeError); `undefined` for one it does not. */
export type FakeStripeRouter = (method: string, path: string, params: Record<string, any>) => unknown;

/** One request as the fake received it (the form body or query decoded), for assertions. */
export interface StripeRequest {
  method: string;
  path: string;
  params: Record<string, any>;
  idempotencyKey: string | undefined;
}

export type StripeObject = Record<string, any> & { id: string; object: string };

export class StripeError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly code?: string,
    readonly param?: string,
  ) {
    super(message);
  }
}

/**
 * Decodes Stripe's form encoding (`a[b][0]=x`, brackets raw or %-encoded) into nested objects and arrays.
 * Values stay strings, as Stripe receives them; handlers coerce what they need.
 */
export function decodeStripeForm(text: string): Record<string, any> {
  const root: Record<string, any> = {};
  for (const [rawKey, value] of new URLSearchParams(text)) {
    const [head, ...rest] = rawKey.split('[').map((part, i) => (i === 0 ? part : part.replace(/]$/, '')));
    let node: any = root;
    const keys = [head!, ...rest];
    keys.forEach((key, i) => {
      const last = i === keys.length - 1;
      const nextIsIndex = !last && /^\d*$/.test(keys[i + 1]!);
      const slot = Array.isArray(node) && key === '' ? node.length : key;
      if (last) node[slot] = value;
      else node = node[slot] ??= nextIsIndex ? [] : {};
    });
  }
  return root;
}

export const bool = (v: unknown, fallback: boolean) => (v === undefined ? fallback : v === 'true');
export const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * A local Stripe (127.0.0.1, a free port) that the real `stripe` SDK talks to through `STRIPE_API_URL`:
 * products, prices, customers and Checkout Sessions in Stripe's REST shapes, with its ids, list envelopes and error envelopes.
 * Idempotency keys replay the first response, as Stripe does.
 */
export class FakeStripe {
  readonly requests: StripeRequest[] = [];
  readonly products = new Map<string, StripeObject>();
  readonly prices = new Map<string, StripeObject>();
  readonly customers = new Map<string, StripeObject>();
  readonly checkoutSessions = new Map<string, StripeObject>();
  /**
   * More of Stripe's API, added by the fakes beside this one (fake-stripe-*.ts): each router answers
   * the requests it knows (returns a body or throws a StripeError) and `undefined` for the rest.
   */
  readonly routers: FakeStripeRouter[] = [];
  /** When set, only this key is accepted; anything else gets 401 as Stripe answers. */
  apiKey: string | null = null;
  private readonly replays = new Map<string, { status: number; body: unknown }>();
  private server: Server | null = null;
  private port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server!.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Requests of one method and path prefix (`POST /v1/prices`). */
  calls(method: string, path: string): StripeRequest[] {
    return this.requests.filter((r) => r.method === method && r.path === path);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const params = decodeStripeForm(method === 'GET' || method === 'DELETE' ? url.search.slice(1) : Buffer.concat(chunks).toString('utf8'));
    const idempotencyKey = req.headers['idempotency-key'] as string | undefined;
    this.requests.push({ method, path: url.pathname, params, idempotencyKey });
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${randomBytes(7).toString('hex')}` });
      res.end(JSON.stringify(body));
    };
    const auth = req.headers.authorization ?? '';
    if (!/^Bearer \S+$/.test(auth) || (this.apiKey && auth !== `Bearer ${this.apiKey}`)) {
      return send(401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } });
    }
    const replayKey = method === 'POST' && idempotencyKey ? `${url.pathname} ${idempotencyKey}` : null;
    const replay = replayKey ? this.replays.get(replayKey) : undefined;
    if (replay) return send(replay.status, replay.body);
    let status = 200;
    let body: unknown;
    try {
      body = this.route(method, url.pathname, params);
    } catch (err) {
      if (!(err instanceof StripeError)) throw err;
      status = err.status;
      body = { error: { type: err.type, message: err.message, ...(err.code ? { code: err.code } : {}), ...(err.param ? { param: err.param } : {}) } };
    }
    if (replayKey) this.replays.set(replayKey, { status, body });
    send(status, body);
  }

  /**
   * What Stripe does when the customer finishes a hosted Checkout: the session completes, paid at
   * once (cards) or `unpaid` until a delayed method settles (then `settleSession`). Returns the
   * session as a `checkout.session.*` event carries it.
   */
  completeSession(id: string, paymentStatus: 'paid' | 'unpaid'): StripeObject {
    const session = this.get(this.checkoutSessions, id, 'checkout session');
    Object.assign(session, { status: 'complete', payment_status: paymentStatus, payment_intent: session.payment_intent ?? newId('pi'), url: null });
    return structuredClone(session);
  }

  /** A delayed payment method settled (`async_payment_succeeded`) or failed (`async_payment_failed`). */
  settleSession(id: string, outcome: 'paid' | 'failed'): StripeObject {
    const session = this.get(this.checkoutSessions, id, 'checkout session');
    if (outcome === 'paid') session.payment_status = 'paid';
    return structuredClone(session);
  }

  /** Adds a router (see `routers`); returns the fake, for chaining after `new FakeStripe()`. */
  use(router: FakeStripeRouter): this {
    this.routers.push(router);
    return this;
  }

  /** A stored object by id, or Stripe's 404 (for routers). */
  find(store: Map<string, StripeObject>, id: string, name: string): StripeObject {
    return this.get(store, id, name);
  }

  private route(method: string, path: string, p: Record<string, any>): unknown {
    for (const router of this.routers) {
      const body = router(method, path, p);
      if (body !== undefined) return body;
    }
    if (path === '/v1/checkout/sessions' && method === 'POST') return this.createCheckoutSession(p);
    const sessionPath = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(path);
    if (sessionPath && method === 'GET') return this.get(this.checkoutSessions, sessionPath[1]!, 'checkout session');
    const [, version, resource, id, extra] = path.split('/');
    if (version !== 'v1') throw notFound(`Unrecognized request URL (${method}: ${path}).`);
    const key = `${method} ${resource}${id === 'search' ? '/search' : id ? '/:id' : ''}${extra ? '/x' : ''}`;
    switch (key) {
      case 'POST products':
        return this.createProduct(p);
      case 'GET products':
        return list(
          `/v1/products`,
          this.filter(this.products, p, (o) => !p.ids || p.ids.includes(o.id)),
        );
      case 'GET products/search':
        return this.searchProducts(p);
      case 'GET products/:id':
        return this.get(this.products, id!, 'product');
      case 'POST products/:id':
        return this.update(this.get(this.products, id!, 'product'), p);
      case 'POST prices':
        return this.createPrice(p);
      case 'GET prices':
        return list(
          '/v1/prices',
          this.filter(this.prices, p, (o) => (!p.lookup_keys || p.lookup_keys.includes(o.lookup_key)) && (!p.product || o.product === p.product)),
        );
      case 'GET prices/:id':
        return this.get(this.prices, id!, 'price');
      case 'POST prices/:id':
        return this.updatePrice(this.get(this.prices, id!, 'price'), p);
      case 'POST customers':
        return this.createCustomer(p);
      case 'GET customers/:id':
        return this.get(this.customers, id!, 'customer');
      case 'POST customers/:id':
        return Object.assign(this.get(this.customers, id!, 'customer'), p.email === undefined ? {} : { email: p.email });
      default:
        throw notFound(`Unrecognized request URL (${method}: ${path}).`);
    }
  }

  private createProduct(p: Record<string, any>): StripeObject {
    if (!p.name) throw missing('name');
    const id = p.id ?? newId('prod');
    if (this.products.has(id)) throw new StripeError(400, 'invalid_request_error', `Product already exists.`, 'resource_already_exists', 'id');
    const product = {
      id,
      object: 'product',
      active: bool(p.active, true),
      created: nowSeconds(),
      updated: nowSeconds(),
      default_price: null,
      description: p.description ?? null,
      images: [],
      livemode: false,
      marketing_features: [],
      metadata: p.metadata ?? {},
      name: p.name,
      package_dimensions: null,
      shippable: null,
      statement_descriptor: null,
      tax_code: null,
      type: 'service',
      unit_label: null,
      url: null,
    };
    this.products.set(id, product);
    return product;
  }

  private searchProducts(p: Record<string, any>): unknown {
    // Supports the one query shape we use: metadata['key']:'value' (Stripe's search syntax).
    const match = /^metadata\['([^']+)'\]:'([^']*)'$/.exec(String(p.query ?? '').trim());
    if (!match) throw new StripeError(400, 'invalid_request_error', 'Unsupported search query in the fake.', undefined, 'query');
    const data = [...this.products.values()].filter((o) => o.metadata[match[1]!] === match[2]);
    return { object: 'search_result', data, has_more: false, next_page: null, url: '/v1/products/search' };
  }

  private createPrice(p: Record<string, any>): StripeObject {
    if (!p.currency) throw missing('currency');
    if (!p.product) throw missing('product');
    if (!this.products.has(p.product)) throw notFound(`No such product: '${p.product}'`, 'product');
    if (p.unit_amount === undefined || !/^\d+$/.test(p.unit_amount)) throw missing('unit_amount');
    this.claimLookupKey(p.lookup_key, bool(p.transfer_lookup_key, false));
    const recurring = p.recurring
      ? {
          interval: p.recurring.interval,
          interval_count: Number(p.recurring.interval_count ?? 1),
          meter: null,
          trial_period_days: null,
          usage_type: 'licensed',
        }
      : null;
    const price = {
      id: newId('price'),
      object: 'price',
      active: bool(p.active, true),
      billing_scheme: 'per_unit',
      created: nowSeconds(),
      currency: String(p.currency).toLowerCase(),
      custom_unit_amount: null,
      livemode: false,
      lookup_key: p.lookup_key ?? null,
      metadata: p.metadata ?? {},
      nickname: p.nickname ?? null,
      product: p.product,
      recurring,
      tax_behavior: p.tax_behavior ?? 'unspecified',
      tiers_mode: null,
      transform_quantity: null,
      type: recurring ? 'recurring' : 'one_time',
      unit_amount: Number(p.unit_amount),
      unit_amount_decimal: String(p.unit_amount),
    };
    this.prices.set(price.id, price);
    return price;
  }

  private updatePrice(price: StripeObject, p: Record<string, any>): StripeObject {
    if (p.lookup_key !== undefined && p.lookup_key !== price.lookup_key) this.claimLookupKey(p.lookup_key, bool(p.transfer_lookup_key, false));
    for (const field of ['active', 'lookup_key', 'nickname'] as const) {
      if (p[field] !== undefined) price[field] = field === 'active' ? bool(p[field], true) : p[field] || null;
    }
    if (p.metadata) price.metadata = { ...price.metadata, ...p.metadata };
    return price;
  }

  /** A lookup key belongs to one price in the account; taking it needs `transfer_lookup_key`. */
  private claimLookupKey(lookupKey: string | undefined, transfer: boolean): void {
    if (!lookupKey) return;
    const holder = [...this.prices.values()].find((o) => o.lookup_key === lookupKey);
    if (!holder) return;
    if (!transfer) throw new StripeError(400, 'invalid_request_error', `A price (\`${holder.id}\`) already uses that lookup key.`, undefined, 'lookup_key');
    holder.lookup_key = null;
  }

  private createCustomer(p: Record<string, any>): StripeObject {
    const customer = {
      id: newId('cus'),
      object: 'customer',
      address: null,
      balance: 0,
      created: nowSeconds(),
      currency: null,
      default_source: null,
      delinquent: false,
      description: p.description ?? null,
      email: p.email ?? null,
      invoice_prefix: randomBytes(4).toString('hex').toUpperCase(),
      invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
      livemode: false,
      metadata: p.metadata ?? {},
      name: p.name ?? null,
      phone: null,
      preferred_locales: [],
      shipping: null,
      tax_exempt: 'none',
      test_clock: null,
    };
    this.customers.set(customer.id, customer);
    return customer;
  }

  /** A hosted Checkout Session in `payment` mode (the fields Stripe's object has on the pinned version). */
  private createCheckoutSession(p: Record<string, any>): StripeObject {
    if (!p.mode) throw missing('mode');
    if (!['payment', 'subscription', 'setup'].includes(p.mode))
      throw new StripeError(400, 'invalid_request_error', `Invalid mode: ${p.mode}`, undefined, 'mode');
    const items: Array<{ price?: string; quantity?: string }> = p.line_items ?? [];
    if (p.mode !== 'setup' && items.length === 0) throw missing('line_items');
    if (p.customer && !this.customers.has(p.customer)) throw notFound(`No such customer: '${p.customer}'`, 'customer');
    let amount = 0;
    let currency: string | null = null;
    for (const [i, item] of items.entries()) {
      const price = item.price ? this.prices.get(item.price) : undefined;
      if (!price) throw notFound(`No such price: '${item.price}'`, `line_items[${i}][price]`);
      if (!price.active) throw new StripeError(400, 'invalid_request_error', `The price specified is inactive.`, undefined, `line_items[${i}][price]`);
      amount += price.unit_amount * Number(item.quantity ?? 1);
      currency = price.currency;
    }
    const id = `cs_test_${randomBytes(24).toString('base64url').replace(/[-_]/g, 'x')}`;
    const created = nowSeconds();
    const session = {
      id,
      object: 'checkout.session',
      adaptive_pricing: null,
      after_expiration: null,
      allow_promotion_codes: null,
      amount_subtotal: amount,
      amount_total: amount,
      automatic_tax: { enabled: false, liability: null, provider: null, status: null },
      billing_address_collection: null,
      cancel_url: p.cancel_url ?? null,
      client_reference_id: p.client_reference_id ?? null,
      client_secret: null,
      collected_information: null,
      consent: null,
      consent_collection: null,
      created,
      currency,
      currency_conversion: null,
      custom_fields: [],
      custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
      customer: p.customer ?? null,
      customer_creation: p.customer ? null : 'if_required',
      customer_details: null,
      customer_email: p.customer_email ?? null,
      discounts: [],
      expires_at: created + 24 * 3600,
      invoice: null,
      invoice_creation: null,
      livemode: false,
      locale: null,
      metadata: p.metadata ?? {},
      mode: p.mode,
      payment_intent: null,
      payment_link: null,
      payment_method_collection: 'if_required',
      payment_method_configuration_details: null,
      payment_method_options: {},
      payment_method_types: ['card'],
      payment_status: 'unpaid',
      recovered_from: null,
      saved_payment_method_options: null,
      setup_intent: null,
      shipping_address_collection: null,
      shipping_cost: null,
      shipping_options: [],
      status: 'open',
      submit_type: null,
      subscription: null,
      success_url: p.success_url ?? null,
      total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
      ui_mode: 'hosted',
      url: `https://checkout.stripe.com/c/pay/${id}`,
      wallet_options: null,
    };
    this.checkoutSessions.set(id, session);
    return session;
  }

  private get(store: Map<string, StripeObject>, id: string, name: string): StripeObject {
    const found = store.get(decodeURIComponent(id));
    if (!found) throw notFound(`No such ${name}: '${id}'`, 'id');
    return found;
  }

  private update(object: StripeObject, p: Record<string, any>): StripeObject {
    for (const [field, value] of Object.entries(p)) {
      if (field === 'metadata') object.metadata = { ...object.metadata, ...(value as object) };
      else if (field === 'active') object.active = bool(value, true);
      else if (field !== 'expand') object[field] = value;
    }
    object.updated = nowSeconds();
    return object;
  }

  private filter(store: Map<string, StripeObject>, p: Record<string, any>, keep: (o: StripeObject) => boolean): StripeObject[] {
    const limit = Math.min(Number(p.limit ?? 10), 100);
    return [...store.values()]
      .filter((o) => (p.active === undefined || o.active === bool(p.active, true)) && keep(o))
      .reverse() // newest first, as Stripe lists
      .slice(0, limit);
  }
}

export function list(url: string, data: StripeObject[]) {
  return { object: 'list', data, has_more: false, url };
}

export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;
}

export function notFound(message: string, param?: string): StripeError {
  return new StripeError(404, 'invalid_request_error', message, 'resource_missing', param);
}

export function missing(param: string): StripeError {
  return new StripeError(400, 'invalid_request_error', `Missing required param: ${param}.`, 'parameter_missing', param);
}
