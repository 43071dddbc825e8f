import type { Config } from '../../platform/config.js';
import type { Logger } from '../../platform/logger.js';
import type { SqlPool } from '../../platform/sql.js';
import { createStripeClient } from './stripe.client.js';
import { syncStripeCatalog, type SellableCatalog, type SyncedPrice } from './stripe-sync.js';
import { StripeEventIntake, WebhookHandlers } from './stripe-webhooks.js';
import { stripeWebhookRouter } from './stripe-webhook.router.js';

export interface BillingDeps {
  config: Config;
  sql: SqlPool;
  catalog: SellableCatalog;
  log: Logger;
}

/** The billing module's face: the one Stripe client, the webhook intake and its handlers, the catalog sync. */
export function createBilling(deps: BillingDeps) {
  const stripe = createStripeClient(deps.config);
  const handlers = new WebhookHandlers();
  const intake = new StripeEventIntake(deps.sql, handlers);
  return {
    /** Null when no STRIPE_SECRET_KEY is configured. */
    stripe,
    handlers,
    intake,
    async syncCatalog(): Promise<SyncedPrice[]> {
      if (!stripe) throw new Error('STRIPE_SECRET_KEY is not set: there is no Stripe account to sync the catalog to');
      return syncStripeCatalog(stripe, deps.catalog, deps.log);
    },
    webhookRouter: () => stripeWebhookRouter({ webhookSecret: deps.config.STRIPE_WEBHOOK_SECRET, intake, log: deps.log }),
  };
}

export type Billing = ReturnType<typeof createBilling>;
