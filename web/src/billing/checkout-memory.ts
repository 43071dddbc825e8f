/**
 * What the app started a checkout for, kept in sessionStorage across the trip to Stripe (or the
 * test checkout) and back: the return URL carries only the session id, and the success page words
 * itself differently for a package and a subscription. Losing it (another tab, cleared storage)
 * only loses that wording.
 */

export type CheckoutPurpose = { kind: 'package'; packageCode: string } | { kind: 'subscription'; tierCode: string };

const PREFIX = 'tollgate.checkout.';

type Store = Pick<Storage, 'getItem' | 'setItem'>;

function defaultStore(): Store | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    // Storage disabled by the browser's settings.
    return null;
  }
}

export function rememberCheckout(sessionId: string, purpose: CheckoutPurpose, store: Store | null = defaultStore()): void {
  try {
    store?.setItem(PREFIX + sessionId, JSON.stringify(purpose));
  } catch {
    // Full or disabled storage: the wording falls back to the generic one.
  }
}

export function recallCheckout(sessionId: string | null, store: Store | null = defaultStore()): CheckoutPurpose | null {
  if (!sessionId || !store) return null;
  try {
    const value: unknown = JSON.parse(store.getItem(PREFIX + sessionId) ?? 'null');
    if (typeof value !== 'object' || value === null) return null;
    const purpose = value as Record<string, unknown>;
    if (purpose.kind === 'package' && typeof purpose.packageCode === 'string') return { kind: 'package', packageCode: purpose.packageCode };
    if (purpose.kind === 'subscription' && typeof purpose.tierCode === 'string') return { kind: 'subscription', tierCode: purpose.tierCode };
    return null;
  } catch {
    return null;
  }
}
