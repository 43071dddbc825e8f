import type Stripe from 'stripe';
import type { CheckoutFulfilment } from './checkout.fulfilment.js';
import type { WebhookHandlers } from './stripe-webhooks.js';

/**
 * The Checkout events of a package purchase. Each applies in its event's transaction; whichever of
 * `completed` (paid) and `async_payment_succeeded` comes first grants, the other finds the payment paid.
 */
export function registerCheckoutHandlers(handlers: WebhookHandlers, fulfilment: CheckoutFulfilment): void {
  const session = (event: Stripe.Event) => event.data.object as Stripe.Checkout.Session;
  handlers.register('checkout.session.completed', async (event, tx, afterCommit) => void (await fulfilment.fulfil(tx, session(event), afterCommit)));
  handlers.register(
    'checkout.session.async_payment_succeeded',
    async (event, tx, afterCommit) => void (await fulfilment.fulfil(tx, session(event), afterCommit)),
  );
  handlers.register('checkout.session.async_payment_failed', async (event, tx) => void (await fulfilment.fail(tx, session(event))));
  handlers.register('checkout.session.expired', async (event, tx) => void (await fulfilment.cancel(tx, session(event))));
}
