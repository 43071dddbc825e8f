/**
 * The success page's view of one checkout: which payment it is and how far it got. A checkout's
 * payment is PENDING until Stripe's webhook (or the test checkout's Pay) confirms it; only then are
 * credits granted. The page follows it live, so this decides what to show and when to stop looking.
 */

export type CheckoutPhase =
  /** No payment for this checkout has been seen yet. */
  | 'looking'
  | 'pending'
  | 'paid'
  | 'failed'
  | 'canceled'
  /** Paid once, then refunded or disputed (an old success link opened later). */
  | 'reversed';

export interface CheckoutPayment {
  id: string;
  status: string;
  kind: string;
  packageCode: string | null;
  createdAt: string;
  /** Set on package payments; a subscription checkout is matched by kind (its first invoice's payment). */
  checkoutSessionId?: string | null;
}

/** What the checkout was opened for (checkout-memory), when this browser remembers it. */
export type CheckoutFor = { kind: 'package'; packageCode: string } | { kind: 'subscription'; tierCode: string } | null;

/**
 * The payment a checkout created. Matched by session id when the API names it (packages). Otherwise the newest
 * payment (the list is newest first) of what was bought — that package, or a subscription — so a
 * subscription still waiting for its first invoice is not mistaken for an older package payment.
 */
export function findCheckoutPayment<P extends CheckoutPayment>(nodes: readonly P[], sessionId: string | null, bought: CheckoutFor = null): P | undefined {
  if (sessionId) {
    const exact = nodes.find((node) => node.checkoutSessionId === sessionId);
    if (exact) return exact;
    // A package payment names its checkout; a subscription's payments are its invoices, which do not.
    if (bought?.kind !== 'subscription' && nodes.some((node) => node.checkoutSessionId != null)) return undefined;
  }
  if (bought?.kind === 'package') return nodes.find((node) => node.kind === 'PACKAGE' && node.packageCode === bought.packageCode);
  if (bought?.kind === 'subscription') return nodes.find((node) => node.kind === 'SUBSCRIPTION');
  return nodes[0];
}

export function checkoutPhase(payment: Pick<CheckoutPayment, 'status'> | undefined): CheckoutPhase {
  switch (payment?.status) {
    case undefined:
      return 'looking';
    case 'PENDING':
      return 'pending';
    case 'PAID':
      return 'paid';
    case 'FAILED':
      return 'failed';
    case 'CANCELED':
      return 'canceled';
    case 'REFUNDED':
    case 'DISPUTED':
      return 'reversed';
    default:
      return 'pending';
  }
}

/** Nothing more will happen to the payment on its own: stop polling. */
export function isSettled(phase: CheckoutPhase): boolean {
  return phase !== 'looking' && phase !== 'pending';
}

/**
 * The fallback poll while the payment is open. `balanceChanged` normally reports the grant at once;
 * the poll covers a subscription that was not yet connected, or a failure (which changes no
 * balance). Slow, and slower after the first minute: a webhook that late is Stripe retrying.
 */
export function pollIntervalMs(phase: CheckoutPhase, openForMs: number): number {
  if (isSettled(phase)) return 0;
  return openForMs < 60_000 ? 3_000 : 15_000;
}

/** The heading the success page shows for a phase. */
export function phaseHeading(phase: CheckoutPhase): string {
  switch (phase) {
    case 'looking':
      return 'Looking for your payment…';
    case 'pending':
      return 'Payment pending: waiting for confirmation…';
    case 'paid':
      return 'Payment received';
    case 'failed':
      return 'The payment failed';
    case 'canceled':
      return 'The checkout was canceled';
    case 'reversed':
      return 'This payment was refunded or disputed';
  }
}
