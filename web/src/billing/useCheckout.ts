import { useEffect, useState } from 'react';
import { problemFromError, type ApiProblem } from '../apollo/problem';
import { rememberCheckout, type CheckoutPurpose } from './checkout-memory';
import { safeExternalUrl } from './payment-format';
import { usePaymentsMode } from './usePaymentsMode';

export interface CheckoutStarter {
  /** What is being opened ("package:starter", "tier:pro"), while the mutation runs and the browser leaves. */
  pending: string | null;
  problem: ApiProblem | null;
  /** The server says payments are off, or a checkout answered PAYMENTS_UNAVAILABLE: the rest of the page view knows. */
  unavailable: boolean;
  /** Payments go through the test checkout: no money moves. */
  testMode: boolean;
  start: (what: string, purpose: CheckoutPurpose | null, open: () => Promise<{ id: string; url: string } | undefined>) => Promise<void>;
}

/**
 * Opening a checkout, whichever mutation makes it (buyCredits, subscribe, billingPortal): run it
 * once at a time, remember what it is for (null: nothing to follow on return), and send the browser to its URL — Stripe Checkout, or in test mode
 * Tollgate's own /test-checkout page. The browser is leaving, so `pending` stays set on success.
 */
export function useCheckout(): CheckoutStarter {
  const [pending, setPending] = useState<string | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [refused, setRefused] = useState(false);
  const mode = usePaymentsMode();
  // Back from the checkout through the browser's back/forward cache: the page comes back as it was
  // left, "Opening checkout…" included; make the buttons usable again.
  useEffect(() => {
    const restored = (event: PageTransitionEvent) => {
      if (event.persisted) setPending(null);
    };
    window.addEventListener('pageshow', restored);
    return () => window.removeEventListener('pageshow', restored);
  }, []);

  const start: CheckoutStarter['start'] = async (what, purpose, open) => {
    if (pending) return;
    setPending(what);
    setProblem(null);
    try {
      const session = await open();
      const url = safeExternalUrl(session?.url ? new URL(session.url, window.location.href).href : null);
      if (!session || !url) throw new Error('The server answered without a checkout URL.');
      if (purpose) rememberCheckout(session.id, purpose);
      window.location.assign(url);
    } catch (error) {
      const found = problemFromError(error);
      setProblem(found);
      if (found.code === 'PAYMENTS_UNAVAILABLE') setRefused(true);
      setPending(null);
    }
  };
  return { pending, problem, unavailable: refused || mode === 'OFF', testMode: mode === 'TEST', start };
}
