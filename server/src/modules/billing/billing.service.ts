import { createHash, randomBytes } from 'node:crypto';
import { formatCredits } from '@tollgate/shared';
import type { Config } from '../../platform/config.js';
import { BadUserInputError, IdempotencyConflictError, NotFoundError, PaymentsUnavailableError } from '../../platform/errors.js';
import type { Sql, SqlPool } from '../../platform/sql.js';
import type { CreditPackage } from '../catalog/index.js';
import { stripeCustomer } from './billing.contact.js';
import type { BillingStore, PaymentRecord } from './billing.store.js';
import type { AfterCommit, CheckoutFulfilment } from './checkout.fulfilment.js';
import { packageLookupKey, type SyncedPrice } from './stripe-sync.js';
import type { StripeClient } from './stripe.client.js';
import { usd } from './billing.mappers.js';

export type PaymentsMode = 'stripe' | 'test' | 'off';
export type TestCheckoutAction = 'pay' | 'fail' | 'cancel';

export interface BuyCreditsInput {
  packageCode: string;
  couponCode?: string | null;
  idempotencyKey?: string | null;
}

/** What the test checkout page shows for one checkout. */
export interface TestCheckoutView {
  heading: string;
  rows: Array<[label: string, value: string]>;
  status: string;
  open: boolean;
}

/** Another kind of test checkout (a subscription's, subscription.test-mode.ts) served by the same page. */
export interface TestCheckoutKind {
  view(sessionId: string): Promise<TestCheckoutView | null>;
  /** The browser's next URL; null when the session is not of this kind. */
  complete(sessionId: string, action: TestCheckoutAction): Promise<string | null>;
}

/** What a coupon at checkout is for: a package (buyCredits) or a tier (subscribe), and its full price. */
export interface CheckoutTarget {
  kind: 'package' | 'tier';
  code: string;
  priceCents: number;
}

/** One discount redemption reserved for a checkout about to open (the promotions module's coupons). */
export interface CheckoutCouponReservation {
  /** What is left to pay, in cents. */
  amountCents: number;
  /** Stripe's coupon for it (created once). */
  stripeCouponId(): Promise<string>;
  /** The checkout opened: the reservation is now the session's. */
  attach(sessionId: string): Promise<void>;
  /** The checkout did not open (or a twin answered): the use is given back. */
  release(): Promise<void>;
}

/** Discount coupons at checkout, plugged in by the promotions module (docs/decisions/0022-coupons.md); none → any code is NOT_FOUND. */
export interface CheckoutCoupons {
  reserve(userId: string, code: string, target: CheckoutTarget): Promise<CheckoutCouponReservation>;
  /** The reduced amount a test checkout asks, while its reservation is pending. */
  amountFor(tx: Sql, sessionId: string): Promise<number | null>;
  /** A test checkout paid: its reservation is a redemption. */
  paid(tx: Sql, sessionId: string): Promise<void>;
  /** A test checkout failed or was cancelled: its reservation is released. */
  closed(tx: Sql, sessionId: string): Promise<void>;
}

export interface CheckoutSessionResult {
  id: string;
  url: string;
}

export interface BillingServiceDeps {
  config: Pick<Config, 'PUBLIC_URL' | 'PAYMENTS_TEST_MODE'>;
  sql: SqlPool;
  store: BillingStore;
  fulfilment: CheckoutFulfilment;
  packages: () => Promise<CreditPackage[]>;
  stripe: StripeClient | null;
  syncCatalog: () => Promise<SyncedPrice[]>;
}

const CURRENCY = 'usd';
export const TEST_CHECKOUT_PATH = '/test-checkout';
const MAX_KEY_CHARS = 200;
const MAX_CODE_CHARS = 64;
const MAX_PAGE_SIZE = 100;

/** Package purchases: opening a checkout (Stripe's, or the test checkout), the test checkout's outcomes, the history. */
export class BillingService {
  private readonly testKinds: TestCheckoutKind[] = [];
  /** Discounts at checkout, when the promotions module is there. */
  coupons: CheckoutCoupons | null = null;

  constructor(private readonly deps: BillingServiceDeps) {}

  useCoupons(coupons: CheckoutCoupons): void {
    this.coupons = coupons;
  }

  /** The coupon code of a checkout input, or null; a code with no coupons module is NOT_FOUND. */
  couponCodeOf(value: unknown): string | null {
    if (value == null || (typeof value === 'string' && value.trim() === '')) return null;
    if (typeof value !== 'string' || value.length > MAX_CODE_CHARS)
      throw new BadUserInputError(`couponCode must be 1 to ${MAX_CODE_CHARS} characters`, 'couponCode');
    if (!this.coupons) throw new NotFoundError('Coupon');
    return value;
  }

  addTestCheckoutKind(kind: TestCheckoutKind): void {
    this.testKinds.push(kind);
  }

  /** A fresh test checkout id (`cs_tollgate_test_…`) and its page's URL. */
  newTestCheckout(): { id: string; url: string } {
    const { id, url } = this.openTestCheckout();
    return { id, url };
  }

  /** What the test checkout page shows: a package payment, or another kind's checkout; null → 404. */
  async testCheckoutView(sessionId: string): Promise<TestCheckoutView | null> {
    if (this.mode !== 'test' || !/^cs_tollgate_test_[0-9a-f]{32}$/.test(sessionId)) return null;
    const payment = await this.testCheckout(sessionId);
    if (payment) {
      return {
        heading: `Credit package ${payment.packageCode ?? ''}`,
        rows: [
          ['Price', `$${usd(payment.amountCents)} (not charged)`],
          ['Credits', formatCredits(payment.credits)],
          ['Bonus credits', formatCredits(payment.bonusCredits)],
        ],
        status: payment.status,
        open: payment.status === 'pending',
      };
    }
    for (const kind of this.testKinds) {
      const view = await kind.view(sessionId);
      if (view) return view;
    }
    return null;
  }

  /** The test checkout page's Pay, Fail or Cancel, for whichever kind the session is; the browser's next URL. */
  async completeAnyTestCheckout(sessionId: string, action: TestCheckoutAction): Promise<string> {
    if (await this.testCheckout(sessionId)) return (await this.completeTestCheckout(sessionId, action)).redirect;
    if (this.mode === 'test' && /^cs_tollgate_test_[0-9a-f]{32}$/.test(sessionId)) {
      for (const kind of this.testKinds) {
        const redirect = await kind.complete(sessionId, action);
        if (redirect) return redirect;
      }
    }
    throw new NotFoundError('Test checkout');
  }

  get mode(): PaymentsMode {
    return this.deps.stripe ? 'stripe' : this.deps.config.PAYMENTS_TEST_MODE ? 'test' : 'off';
  }

  /**
   * Opens a checkout for a package and records the payment PENDING. Grants nothing: credits come
   * only from the verified payment (checkout.fulfilment.ts). Every refusal comes before any write.
   */
  async buyCredits(user: { id: string; email: string }, input: BuyCreditsInput): Promise<CheckoutSessionResult> {
    const code = typeof input.packageCode === 'string' ? input.packageCode.trim() : '';
    if (!code || code.length > MAX_CODE_CHARS) throw new BadUserInputError(`packageCode must be 1 to ${MAX_CODE_CHARS} characters`, 'packageCode');
    const key = input.idempotencyKey == null ? null : input.idempotencyKey.trim();
    if (key !== null && (key.length === 0 || key.length > MAX_KEY_CHARS))
      throw new BadUserInputError(`idempotencyKey must be 1 to ${MAX_KEY_CHARS} characters`, 'idempotencyKey');
    const mode = this.mode;
    if (mode === 'off') throw new PaymentsUnavailableError('Payments are not available: this server has no Stripe account configured and test mode is off');
    const couponCode = this.couponCodeOf(input.couponCode);
    const pkg = (await this.deps.packages()).find((p) => p.code === code);
    if (!pkg) throw new NotFoundError('Credit package');
    if (key) {
      const earlier = await this.deps.store.byIdempotencyKey(user.id, key);
      if (earlier) return this.replay(earlier, pkg, key);
    }
    // A discount is reserved (counted, pending) before the checkout opens, and given back if it does not.
    const reservation = couponCode ? await this.coupons!.reserve(user.id, couponCode, { kind: 'package', code: pkg.code, priceCents: pkg.priceCents }) : null;
    try {
      const opened = mode === 'stripe' ? await this.openStripeCheckout(user, pkg, key, reservation, couponCode) : this.openTestCheckout();
      await reservation?.attach(opened.id);
      const payment = await this.deps.store.insert({
        userId: user.id,
        kind: 'package',
        packageCode: pkg.code,
        amountCents: reservation?.amountCents ?? pkg.priceCents,
        currency: CURRENCY,
        credits: pkg.credits,
        bonusCredits: pkg.bonusCredits,
        testMode: mode === 'test',
        checkoutSessionId: opened.id,
        checkoutUrl: opened.url,
        stripeCustomerId: opened.customerId,
        idempotencyKey: key,
      });
      if (payment.checkoutSessionId === opened.id) return { id: opened.id, url: opened.url };
      // A concurrent twin with the same key won the insert: answer what it recorded.
      await reservation?.release();
      return this.replay(payment, pkg, key!);
    } catch (err) {
      await reservation?.release();
      throw err;
    }
  }

  async payments(userId: string, first: number | null, after: string | null) {
    const size = first ?? 20;
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) throw new BadUserInputError(`first must be 1 to ${MAX_PAGE_SIZE}`, 'first');
    if (after != null && !/^\d{1,18}$/.test(after)) throw new BadUserInputError('after is not a cursor from this connection', 'after');
    return this.deps.store.page(userId, size, after == null ? null : BigInt(after));
  }

  /** The test checkout's payment, while test mode is on; null otherwise (the page answers 404). */
  async testCheckout(sessionId: string): Promise<PaymentRecord | null> {
    if (this.mode !== 'test' || !/^cs_tollgate_test_[0-9a-f]{32}$/.test(sessionId)) return null;
    const payment = await this.deps.store.bySession(sessionId);
    return payment?.testMode ? payment : null;
  }

  /**
   * The test checkout's Pay, Fail or Cancel. Pay builds the session object Stripe would send and
   * goes through the webhook's own fulfilment, in one transaction; a second Pay finds it paid.
   * A payment that failed or was cancelled stays so. Returns where the browser goes next.
   */
  async completeTestCheckout(sessionId: string, action: TestCheckoutAction): Promise<{ payment: PaymentRecord; redirect: string }> {
    if (!(await this.testCheckout(sessionId))) throw new NotFoundError('Test checkout');
    const committed: Array<() => void> = [];
    const afterCommit: AfterCommit = (fn) => committed.push(fn);
    await this.deps.sql.transaction(async (tx) => {
      committed.length = 0;
      const payment = (await this.deps.store.lockBySession(tx, sessionId))!;
      const session = {
        id: sessionId,
        mode: 'payment' as const,
        payment_status: action === 'pay' ? ('paid' as const) : ('unpaid' as const),
        amount_total: payment.amountCents,
        client_reference_id: payment.userId,
        payment_intent: null,
      };
      if (action === 'pay' && (payment.status === 'pending' || payment.status === 'paid')) {
        if ((await this.deps.fulfilment.fulfil(tx, session, afterCommit)) === 'granted') await this.coupons?.paid(tx, sessionId);
      } else if (action === 'fail') {
        if (await this.deps.fulfilment.fail(tx, session)) await this.coupons?.closed(tx, sessionId);
      } else if (action === 'cancel') {
        if (await this.deps.fulfilment.cancel(tx, session)) await this.coupons?.closed(tx, sessionId);
      }
    });
    for (const fn of committed) fn();
    const payment = (await this.deps.store.bySession(sessionId))!;
    return { payment, redirect: payment.status === 'paid' ? this.returnUrl('success', sessionId) : this.returnUrl('cancel', sessionId) };
  }

  private replay(earlier: PaymentRecord, pkg: CreditPackage, key: string): CheckoutSessionResult {
    if (earlier.packageCode !== pkg.code || !earlier.checkoutSessionId || !earlier.checkoutUrl) throw new IdempotencyConflictError(key);
    return { id: earlier.checkoutSessionId, url: earlier.checkoutUrl };
  }

  private openTestCheckout() {
    const id = `cs_tollgate_test_${randomBytes(16).toString('hex')}`;
    return { id, url: `${this.deps.config.PUBLIC_URL}${TEST_CHECKOUT_PATH}/${id}`, customerId: null };
  }

  private async openStripeCheckout(
    user: { id: string; email: string },
    pkg: CreditPackage,
    key: string | null,
    reservation: CheckoutCouponReservation | null,
    couponCode: string | null,
  ) {
    const stripe = this.deps.stripe!;
    const customerId = await this.customer(user);
    const priceId = await this.priceOf(pkg);
    const metadata = {
      tollgate_kind: 'package',
      tollgate_user_id: user.id,
      tollgate_package_code: pkg.code,
      tollgate_credits: formatCredits(pkg.credits),
      tollgate_bonus_credits: formatCredits(pkg.bonusCredits),
    };
    // With the caller's key, a retried buyCredits reaches the same session even if our insert failed after it.
    const stripeKey = key
      ? `tollgate-checkout-${createHash('sha256')
          .update(JSON.stringify([user.id, pkg.code, key, couponCode?.trim().toUpperCase() ?? null]))
          .digest('hex')}`
      : undefined;
    const discounts = reservation ? [{ coupon: await reservation.stripeCouponId() }] : undefined;
    const session = await stripe.checkout.sessions.create(
      {
        mode: 'payment',
        customer: customerId,
        client_reference_id: user.id,
        line_items: [{ price: priceId, quantity: 1 }],
        ...(discounts ? { discounts } : {}),
        success_url: this.returnUrl('success', '{CHECKOUT_SESSION_ID}'),
        cancel_url: this.returnUrl('cancel', '{CHECKOUT_SESSION_ID}'),
        metadata,
        payment_intent_data: { metadata, setup_future_usage: 'off_session' }, // saves the card for auto-recharge (docs/decisions/0019)
      },
      stripeKey ? { idempotencyKey: stripeKey } : {},
    );
    if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a URL`);
    return { id: session.id, url: session.url, customerId };
  }

  /** The account's Stripe customer, created once, at its billing contact (billing.contact.ts). */
  customer(user: { id: string; email: string }): Promise<string> {
    return stripeCustomer({ sql: this.deps.sql, store: this.deps.store, stripe: this.deps.stripe! }, user);
  }

  /** The package's price by lookup key; one missing or stale (the package changed since the last sync) is synced now. */
  private priceOf(pkg: CreditPackage): Promise<string> {
    return this.priceByLookupKey(packageLookupKey(pkg.code), pkg.priceCents, null);
  }

  /** A price by lookup key (packages, and tiers for subscriptions); one missing or stale is synced now. */
  async priceByLookupKey(lookupKey: string, amountCents: number, interval: 'month' | null): Promise<string> {
    const current = (await this.deps.stripe!.prices.list({ lookup_keys: [lookupKey], active: true, limit: 1 })).data[0];
    if (current && current.unit_amount === amountCents && current.currency === CURRENCY && (current.recurring?.interval ?? null) === interval)
      return current.id;
    const synced = (await this.deps.syncCatalog()).find((p) => p.lookupKey === lookupKey)?.priceId;
    if (!synced) throw new Error(`no Stripe price for ${lookupKey} after a sync`);
    return synced;
  }

  returnUrl(outcome: 'success' | 'cancel', sessionId: string): string {
    return `${this.deps.config.PUBLIC_URL}/billing/${outcome}?session_id=${sessionId}`;
  }
}
