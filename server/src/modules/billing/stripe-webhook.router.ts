import express from 'express';
import type { Logger } from '../../platform/logger.js';
import { recordWebhook } from '../../platform/metrics/index.js';
import { verifyStripeEvent } from './stripe.client.js';
import type { StripeEventIntake } from './stripe-webhooks.js';

export const STRIPE_WEBHOOK_PATH = '/webhooks/stripe';
/** Stripe's events are far smaller; this only bounds what an unauthenticated caller can make us buffer. */
const WEBHOOK_BODY_LIMIT = '2mb';

const fail = (res: express.Response, status: number, code: string, message: string, extra: Record<string, string> = {}) =>
  res.status(status).json({ errors: [{ message, extensions: { code, ...extra } }] });

/**
 * `POST /webhooks/stripe`. Its body stays raw bytes (the signature covers them exactly), so it must be
 * mounted before any JSON parser. Answers 2xx only for an event applied now or before; anything else
 * is non-2xx so that Stripe delivers it again.
 */
export function stripeWebhookRouter(options: { webhookSecret: string | undefined; intake: StripeEventIntake; log: Logger }): express.Router {
  const router = express.Router();
  router.post(STRIPE_WEBHOOK_PATH, express.raw({ type: 'application/json', limit: WEBHOOK_BODY_LIMIT }), async (req, res) => {
    if (!options.webhookSecret) {
      return void fail(res, 503, 'PAYMENTS_UNAVAILABLE', 'Stripe webhooks are not configured on this server (STRIPE_WEBHOOK_SECRET is unset)');
    }
    let event;
    try {
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      event = verifyStripeEvent(raw, req.header('stripe-signature'), options.webhookSecret);
    } catch {
      recordWebhook('rejected');
      return void fail(res, 400, 'BAD_USER_INPUT', 'Stripe signature verification failed', { reason: 'INVALID_SIGNATURE' });
    }
    try {
      const outcome = await options.intake.receive(event);
      recordWebhook(outcome, event.created);
      req.log?.info({ stripeEvent: event.id, type: event.type, outcome }, 'stripe event');
      res.json({ received: true, outcome });
    } catch (err) {
      recordWebhook('failed', event.created);
      options.log.error({ err, stripeEvent: event.id, type: event.type }, 'stripe event not applied; Stripe will retry');
      fail(res, 500, 'INTERNAL_SERVER_ERROR', 'The event was recorded but not applied; it will be retried');
    }
  });
  return router;
}
