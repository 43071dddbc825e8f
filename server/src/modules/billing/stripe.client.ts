import Stripe from 'stripe';
import type { Config } from '../../platform/config.js';

/**
 * The Stripe API version every request is made on, pinned rather than left to the account's default
 * so that the shapes we read (an invoice's subscription, a period's dates) change only when we change
 * this line (docs/decisions/0015). It is the version the installed SDK's types describe.
 */
export const STRIPE_API_VERSION = '2026-11-18.endive' satisfies Stripe.LatestApiVersion;

/** Stripe retries a request with the same idempotency key, so retried creates never duplicate. */
const MAX_NETWORK_RETRIES = 2;
const TIMEOUT_MS = 20_000;

export type StripeClient = Stripe;

/** `STRIPE_API_URL` as the SDK's own connection options; unset → Stripe's API. */
export function stripeConnection(apiUrl: string | undefined): Pick<Stripe.StripeConfig, 'host' | 'port' | 'protocol'> {
  if (!apiUrl) return {};
  const url = new URL(apiUrl);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return { host: url.hostname, port: url.port ? Number(url.port) : protocol === 'http' ? 80 : 443, protocol };
}

/** The one Stripe client of a process, or null when no secret key is configured. */
export function createStripeClient(config: Pick<Config, 'STRIPE_SECRET_KEY' | 'STRIPE_API_URL'>): StripeClient | null {
  if (!config.STRIPE_SECRET_KEY) return null;
  return new Stripe(config.STRIPE_SECRET_KEY, {
    apiVersion: STRIPE_API_VERSION,
    maxNetworkRetries: MAX_NETWORK_RETRIES,
    timeout: TIMEOUT_MS,
    telemetry: false,
    appInfo: { name: 'Tollgate' },
    ...stripeConnection(config.STRIPE_API_URL),
  });
}

/**
 * Verifies a webhook's signature over its raw body and parses it. Needs no API key, so it works
 * whether or not a secret key is configured. Throws Stripe's signature error when it does not match.
 */
export function verifyStripeEvent(rawBody: Buffer, signature: string | undefined, secret: string): Stripe.Event {
  return Stripe.webhooks.constructEvent(rawBody, signature ?? '', secret);
}
