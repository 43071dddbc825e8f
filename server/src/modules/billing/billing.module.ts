import type { Config } from '../../platform/config.js';
import type { Logger } from '../../platform/logger.js';
import type { SqlPool } from '../../platform/sql.js';
import type { LedgerService } from '../ledger/index.js';
import { createAutoRecharge } from './auto-recharge.module.js';
import { PaidGrantHooks } from './paid-grant-hooks.js';
import { createRefunds } from './refunds.module.js';
import { createSubscriptions } from './subscriptions.module.js';
import { BillingService, type PaymentsMode } from './billing.service.js';
import { BillingStore } from './billing.store.js';
import { CheckoutFulfilment } from './checkout.fulfilment.js';
import { registerCheckoutHandlers } from './checkout.webhooks.js';
import { createStripeClient, type StripeClient } from './stripe.client.js';
import { syncStripeCatalog, type SellableCatalog, type SyncedPrice } from './stripe-sync.js';
import { StripeEventIntake, WebhookHandlers } from './stripe-webhooks.js';
import { stripeWebhookRouter } from './stripe-webhook.router.js';
import { testCheckoutRouter } from './test-checkout.router.js';

export interface BillingDeps {
  config: Config;
  sql: SqlPool;
  catalog: SellableCatalog;
  ledger: LedgerService;
  log: Logger;
  /** The ledger's balance events, for in-process listeners (auto-recharge); absent in tools without them. */
  balanceEvents?: Pick<import('./auto-recharge.balance-tap.js').BalanceTap, 'listen'>;
  /** Users' change notifications (platform/user-cache.ts): auto-recharge keeps settings longer while they are heard. */
  userChanges?: Pick<import('../../platform/user-cache.js').UserChanges, 'up' | 'onChange'>;
}

/** What the billing sub-modules (subscriptions, refunds, auto-recharge) are built from. */
export interface BillingContext extends BillingDeps {
  /** Null when no STRIPE_SECRET_KEY is configured. */
  stripe: StripeClient | null;
  handlers: WebhookHandlers;
  store: BillingStore;
  fulfilment: CheckoutFulfilment;
  /** Run after every paid grant, in its transaction (debts, auto-recharge re-arming). */
  paidGrants: PaidGrantHooks;
  service: BillingService;
  mode: () => PaymentsMode;
}

/** The billing module's face: the one Stripe client, the webhook intake and its handlers, the catalog sync, package checkout. */
export function createBilling(deps: BillingDeps) {
  const stripe = createStripeClient(deps.config);
  const handlers = new WebhookHandlers();
  const intake = new StripeEventIntake(deps.sql, handlers);
  const store = new BillingStore(deps.sql);
  const paidGrants = new PaidGrantHooks();
  const fulfilment = new CheckoutFulfilment(store, deps.ledger, paidGrants);
  registerCheckoutHandlers(handlers, fulfilment);
  const syncCatalog = async (): Promise<SyncedPrice[]> => {
    if (!stripe) throw new Error('STRIPE_SECRET_KEY is not set: there is no Stripe account to sync the catalog to');
    return syncStripeCatalog(stripe, deps.catalog, deps.log);
  };
  const service = new BillingService({ config: deps.config, sql: deps.sql, store, fulfilment, packages: () => deps.catalog.packages(), stripe, syncCatalog });
  const context: BillingContext = { ...deps, stripe, handlers, store, fulfilment, paidGrants, service, mode: () => service.mode };
  const refunds = createRefunds(context);
  const subscriptions = createSubscriptions(context);
  const autoRecharge = createAutoRecharge(context);
  return {
    /** Null when no STRIPE_SECRET_KEY is configured. */
    stripe,
    handlers,
    intake,
    service,
    syncCatalog,
    subscriptions,
    refunds,
    autoRecharge,
    /** Hooks run after every paid grant, in its transaction (promotions: referral rewards). */
    paidGrants,
    webhookRouter: () => stripeWebhookRouter({ webhookSecret: deps.config.STRIPE_WEBHOOK_SECRET, intake, log: deps.log }),
    testCheckoutRouter: () => testCheckoutRouter(service),
  };
}

export type Billing = ReturnType<typeof createBilling>;
