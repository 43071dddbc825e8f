import type { PaymentKind, PaymentStatus } from '../gql/graphql';
import { displayUsd } from '../models/format';

/** How the payment history names what a payment bought. */
export const PAYMENT_KIND_LABELS: Record<PaymentKind, string> = {
  PACKAGE: 'Credit package',
  SUBSCRIPTION: 'Subscription',
  AUTO_RECHARGE: 'Auto-recharge',
};

/** A status as the history shows it, and the badge tone that goes with it. */
export const PAYMENT_STATUS: Record<PaymentStatus, { label: string; tone: 'ok' | 'pending' | 'bad' | 'neutral' }> = {
  PENDING: { label: 'Pending', tone: 'pending' },
  PAID: { label: 'Paid', tone: 'ok' },
  FAILED: { label: 'Failed', tone: 'bad' },
  CANCELED: { label: 'Canceled', tone: 'neutral' },
  REFUNDED: { label: 'Refunded', tone: 'neutral' },
  DISPUTED: { label: 'Disputed', tone: 'bad' },
};

/** Unknown values (an enum member newer than this build) read as themselves rather than crash the row. */
export function paymentKindLabel(kind: string): string {
  return PAYMENT_KIND_LABELS[kind as PaymentKind] ?? kind;
}

export function paymentStatus(status: string): { label: string; tone: 'ok' | 'pending' | 'bad' | 'neutral' } {
  return PAYMENT_STATUS[status as PaymentStatus] ?? { label: status, tone: 'neutral' };
}

/** The API's "15.00" as "$15.00"; the amount stays the API's exact decimal string, never a float. */
export function paymentAmount(amountUsd: string): string {
  return displayUsd(amountUsd);
}

/**
 * Where a receipt link may point: Stripe's receipts are https pages. Anything else (a javascript:
 * URL, a relative path) is not rendered as a link, so a bad value in the database cannot run script.
 */
export function safeExternalUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}
