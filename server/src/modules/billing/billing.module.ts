import type { Config } from '../../platform/config.js';
import type { Logger } from '../../platform/logger.js';
import type { SqlPool } from '../../platform/sql.js';
import type { LedgerService } from '../ledger/ledger.service.js';
import { BillingService } from './billing.service.js';
import { BillingStore } from './billing.store.js';
import { CheckoutFulfilment } from './checkout.fulfilment.js';
import { registerCheckoutHandlers } from './checkout.webhooks.js';
import { createStripeClient } from './stripe.client.js';
import { syncStripeCatalog, type SellableCatalog, type SyncedPrice } from './stripe-sync.js';
import { StripeEventIntake, WebhookHandlers } from './stripe-webhooks.js';
import { stripeWebhookRouter } from './stripe-webhook.router.js';
import { testCheckoutRouter } from './test-checkout.router.js';

export interface BillingDeps {
  config: Config;
  sql: SqlPool;
  catalog: SellableCatalog;
  ledger: Pick<LedgerService, 'grantWithin'>;
  log: Logger;
}

/** The billing module's face: the one Stripe client, the webhook intake and its handlers, the catalog sync, package checkout. */
export function createBilling(deps: BillingDeps) {
  const stripe = createStripeClient(deps.config);
  const handlers = new WebhookHandlers();
  const intake = new StripeEventIntake(deps.sql, handlers);
  const store = new BillingStore(deps.sql);
  const fulfilment = new CheckoutFulfilment(store, deps.ledger);
  registerCheckoutHandlers(handlers, fulfilment);
  const syncCatalog = async (): Promise<SyncedPrice[]> => {
    if (!stripe) throw new Error('STRIPE_SECRET_KEY is not set: there is no Stripe account to sync the catalog to');
    return syncStripeCatalog(stripe, deps.catalog, deps.log);
  };
  const service = new BillingService({ config: deps.config, sql: deps.sql, store, fulfilment, packages: () => deps.catalog.packages(), stripe, syncCatalog });
  return {
    /** Null when no STRIPE_SECRET_KEY is configured. */
    stripe,
    handlers,
    intake,
    service,
    syncCatalog,
    webhookRouter: () => stripeWebhookRouter({ webhookSecret: deps.config.STRIPE_WEBHOOK_SECRET, intake, log: deps.log }),
    testCheckoutRouter: () => testCheckoutRouter(service),
  };
}

export type Billing = ReturnType<typeof createBilling>;
