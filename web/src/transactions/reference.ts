/**
 * A ledger reference ("completion:3f2b…", "checkout:cs_…", "gift:…") is for machines: support, the
 * CSV export and reconciliation read it exactly. A person reads what it points at and, where the
 * app has a screen for it, follows a link there. The raw reference stays in the row's tooltip.
 */

export interface ReferenceView {
  /** What it is, in words ("Chat completion"). */
  label: string;
  /** The screen that shows it, if the app has one. */
  to?: string;
  /** The link's words ("See that day's usage"). */
  linkText?: string;
}

const KINDS: Record<string, (id: string, at: string) => ReferenceView> = {
  completion: (_id, at) => ({ label: 'Chat completion', to: usageOfDay(at), linkText: "See that day's usage" }),
  'cache-hit': (_id, at) => ({ label: 'Chat completion (answered from cache)', to: usageOfDay(at), linkText: "See that day's usage" }),
  usage: (service, at) => ({ label: `Tracked usage: ${service}`, to: usageOfDay(at), linkText: "See that day's usage" }),
  checkout: () => ({ label: 'Credit purchase', to: '/billing', linkText: 'See payments' }),
  invoice: () => ({ label: 'Subscription invoice', to: '/billing', linkText: 'See payments' }),
  charge: () => ({ label: 'Card payment', to: '/billing', linkText: 'See payments' }),
  payment_intent: () => ({ label: 'Card payment', to: '/billing', linkText: 'See payments' }),
  dispute: () => ({ label: 'Payment dispute' }),
  gift: () => ({ label: 'Gift', to: '/promotions', linkText: 'See gifts' }),
  coupon: (code) => ({ label: `Coupon ${code}` }),
  referral: () => ({ label: 'Referral', to: '/promotions', linkText: 'See referrals' }),
  grant: () => ({ label: 'An earlier credit grant' }),
  entry: () => ({ label: 'Refund of an earlier charge' }),
  debt: () => ({ label: 'Settling an unpaid amount' }),
};

const REFERENCE = /^([a-z_-]+):(.+)$/;

/** `reference` for people, dated `createdAt` (an ISO time); null when there is nothing to say. */
export function referenceView(reference: string | null | undefined, createdAt: string): ReferenceView | null {
  const match = reference ? REFERENCE.exec(reference) : null;
  if (!match) return null;
  const kind = KINDS[match[1]!];
  return kind ? kind(match[2]!, createdAt) : null;
}

/** The usage page on the UTC day of `at`: usage is rolled up by UTC day. */
export function usageOfDay(at: string): string {
  const day = at.slice(0, 10);
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? `/usage?from=${day}&to=${day}` : '/usage';
}

const EMBEDDED = /\b([a-z_-]+):([\w-]+(?::[\w-]+)*)/g;
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;

/**
 * A description with any reference in it ("Debt settled from checkout:cs_1 (refund)") told in
 * words ("Debt settled from a credit purchase (refund)"), and bare UUIDs left out.
 */
export function readableDescription(description: string): string {
  return description
    .replace(EMBEDDED, (whole, kind: string, id: string) => {
      const view = KINDS[kind]?.(id, '');
      return view ? lowerFirst(view.label) : whole;
    })
    .replace(UUID, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

function lowerFirst(label: string): string {
  return /^(Coupon|An? )/.test(label) ? label.replace(/^An? /, (a) => a.toLowerCase()) : `a ${label[0]!.toLowerCase()}${label.slice(1)}`;
}
