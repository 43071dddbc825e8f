import type { StripeClient } from './stripe.client.js';

/**
 * Test mode's way to see a declined card (docs/decisions/0019-auto-recharge.md): a user whose
 * e-mail's local part contains `+decline` has a test card that declines every charge.
 */
export const TEST_DECLINE_EMAIL = /^[^@]*\+decline/i;

/**
 * The card an off-session charge uses: the customer's default payment method
 * (`invoice_settings.default_payment_method`), else the newest card saved on the customer (a
 * package Checkout saves it with `setup_future_usage: off_session`). Null when there is none.
 */
export async function savedCard(stripe: StripeClient, customerId: string): Promise<string | null> {
  const customer = await stripe.customers.retrieve(customerId);
  if ('deleted' in customer && customer.deleted) return null;
  const preferred = customer.invoice_settings?.default_payment_method;
  if (preferred) return typeof preferred === 'string' ? preferred : preferred.id;
  const cards = await stripe.paymentMethods.list({ customer: customerId, type: 'card', limit: 1 });
  return cards.data[0]?.id ?? null;
}
