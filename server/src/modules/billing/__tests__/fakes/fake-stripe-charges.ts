import { randomBytes } from 'node:crypto';
import { type FakeStripe, list, newId, nowSeconds, type StripeObject } from './fake-stripe.js';

/**
 * Charges, refunds, disputes, balance transactions and payment intents for the fake Stripe, in the
 * shapes of the pinned API version (a charge's `refunds` is a list; since 2025-03-31 it names no
 * invoice). Tests make the objects Stripe's events carry with `charge`, `refund`, `dispute` and
 * `settleBalance`; the routers answer what Tollgate asks back.
 */
export class FakeCharges {
  readonly charges = new Map<string, StripeObject>();
  readonly refunds = new Map<string, StripeObject>();
  readonly disputes = new Map<string, StripeObject>();
  readonly balanceTransactions = new Map<string, StripeObject>();
  readonly paymentIntents = new Map<string, StripeObject>();
  /** Invoice payments by payment intent (the subscriptions' fake may add its own). */
  readonly invoiceOfPaymentIntent = new Map<string, string>();
  /** Stripe's fee on a charge: 2.9 % + 30 ¢, rounded to the cent. */
  feeOf = (amount: number) => Math.round(amount * 0.029) + 30;

  constructor(private readonly fake: FakeStripe) {
    fake.use((method, path, p) => this.route(method, path, p));
  }

  /**
   * The charge of a completed Checkout Session's payment intent, succeeded; with its balance
   * transaction at once, or (`balance: false`) only after `settleBalance`, as Stripe may do.
   */
  charge(sessionId: string, opts: { balance?: boolean } = {}): StripeObject {
    const session = this.fake.checkoutSessions.get(sessionId);
    if (!session?.payment_intent) throw new Error(`session ${sessionId} has no payment intent yet: complete it first`);
    return this.chargeForIntent(session.payment_intent, session.amount_total, session.currency ?? 'usd', session.customer, opts);
  }

  chargeForIntent(paymentIntentId: string, amount: number, currency: string, customer: string | null, opts: { balance?: boolean } = {}): StripeObject {
    const id = newId('ch');
    const charge: StripeObject = {
      id,
      object: 'charge',
      amount,
      amount_captured: amount,
      amount_refunded: 0,
      application: null,
      application_fee: null,
      application_fee_amount: null,
      balance_transaction: null,
      billing_details: { address: null, email: null, name: null, phone: null },
      calculated_statement_descriptor: 'TOLLGATE',
      captured: true,
      created: nowSeconds(),
      currency,
      customer,
      description: null,
      disputed: false,
      failure_balance_transaction: null,
      failure_code: null,
      failure_message: null,
      fraud_details: {},
      livemode: false,
      metadata: {},
      on_behalf_of: null,
      outcome: null,
      paid: true,
      payment_intent: paymentIntentId,
      payment_method: newId('pm'),
      payment_method_details: null,
      receipt_email: null,
      receipt_number: null,
      receipt_url: `https://pay.stripe.com/receipts/payment/${randomBytes(16).toString('base64url')}`,
      refunded: false,
      refunds: list(`/v1/charges/${id}/refunds`, []),
      review: null,
      shipping: null,
      source: null,
      source_transfer: null,
      statement_descriptor: null,
      statement_descriptor_suffix: null,
      status: 'succeeded',
      transfer_data: null,
      transfer_group: null,
    };
    this.charges.set(id, charge);
    this.paymentIntents.set(paymentIntentId, {
      id: paymentIntentId,
      object: 'payment_intent',
      amount,
      amount_received: amount,
      currency,
      customer,
      latest_charge: id,
      livemode: false,
      metadata: {},
      status: 'succeeded',
      created: nowSeconds(),
    });
    if (opts.balance !== false) this.settleBalance(id);
    return structuredClone(charge);
  }

  /** The charge's balance transaction becomes available (what `charge.updated` then carries). */
  settleBalance(chargeId: string): StripeObject {
    const charge = this.fake.find(this.charges, chargeId, 'charge');
    const fee = this.feeOf(charge.amount);
    const bt: StripeObject = {
      id: newId('txn'),
      object: 'balance_transaction',
      amount: charge.amount,
      available_on: nowSeconds() + 2 * 86400,
      created: nowSeconds(),
      currency: charge.currency,
      description: null,
      exchange_rate: null,
      fee,
      fee_details: [{ amount: fee, application: null, currency: charge.currency, description: 'Stripe processing fees', type: 'stripe_fee' }],
      net: charge.amount - fee,
      reporting_category: 'charge',
      source: charge.id,
      status: 'pending',
      type: 'charge',
    };
    this.balanceTransactions.set(bt.id, bt);
    charge.balance_transaction = bt.id;
    return structuredClone(charge);
  }

  /** Refunds `amount` cents more of the charge; returns the charge as `charge.refunded` carries it. */
  refund(chargeId: string, amount?: number): StripeObject {
    const charge = this.fake.find(this.charges, chargeId, 'charge');
    const value = amount ?? charge.amount - charge.amount_refunded;
    const refund: StripeObject = {
      id: newId('re'),
      object: 'refund',
      amount: value,
      balance_transaction: newId('txn'),
      charge: charge.id,
      created: nowSeconds(),
      currency: charge.currency,
      metadata: {},
      payment_intent: charge.payment_intent,
      reason: 'requested_by_customer',
      receipt_number: null,
      source_transfer_reversal: null,
      status: 'succeeded',
      transfer_reversal: null,
    };
    this.refunds.set(refund.id, refund);
    charge.amount_refunded += value;
    charge.refunded = charge.amount_refunded >= charge.amount;
    charge.refunds = list(`/v1/charges/${charge.id}/refunds`, [refund, ...charge.refunds.data]);
    return structuredClone(charge);
  }

  /** The cardholder disputes the charge; returns the dispute as `charge.dispute.created` carries it. */
  dispute(chargeId: string): StripeObject {
    const charge = this.fake.find(this.charges, chargeId, 'charge');
    charge.disputed = true;
    const dispute: StripeObject = {
      id: newId('dp'),
      object: 'dispute',
      amount: charge.amount - charge.amount_refunded,
      balance_transactions: [],
      charge: charge.id,
      created: nowSeconds(),
      currency: charge.currency,
      enhanced_eligibility_types: [],
      evidence: {},
      evidence_details: {},
      is_charge_refundable: false,
      livemode: false,
      metadata: {},
      payment_intent: charge.payment_intent,
      reason: 'fraudulent',
      status: 'needs_response',
    };
    this.disputes.set(dispute.id, dispute);
    return structuredClone(dispute);
  }

  private route(method: string, path: string, p: Record<string, any>): unknown {
    if (method !== 'GET') return undefined;
    const [, , resource, id] = path.split('/');
    switch (resource) {
      case 'charges':
        return id
          ? this.fake.find(this.charges, id, 'charge')
          : list(
              '/v1/charges',
              [...this.charges.values()].filter((c) => !p.payment_intent || c.payment_intent === p.payment_intent),
            );
      case 'balance_transactions':
        return id ? this.fake.find(this.balanceTransactions, id, 'balance transaction') : undefined;
      case 'payment_intents':
        return id ? this.fake.find(this.paymentIntents, id, 'payment intent') : undefined;
      case 'disputes':
        return id ? this.fake.find(this.disputes, id, 'dispute') : undefined;
      case 'refunds':
        return id ? this.fake.find(this.refunds, id, 'refund') : undefined;
      case 'invoice_payments': {
        const pi = p.payment?.payment_intent;
        const invoice = pi ? this.invoiceOfPaymentIntent.get(pi) : undefined;
        const data = invoice
          ? [{ id: newId('inpay'), object: 'invoice_payment', invoice, payment: { type: 'payment_intent', payment_intent: pi }, status: 'paid' }]
          : [];
        return list('/v1/invoice_payments', data as StripeObject[]);
      }
      case 'checkout':
        if (path !== '/v1/checkout/sessions' || !p.payment_intent) return undefined;
        return list(
          '/v1/checkout/sessions',
          [...this.fake.checkoutSessions.values()].filter((s) => s.payment_intent === p.payment_intent),
        );
      default:
        return undefined;
    }
  }
}
