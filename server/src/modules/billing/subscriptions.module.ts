import type { BillingContext } from './billing.module.js';
import { SubscriptionAllocation } from './subscription.allocation.js';
import { SubscriptionPayments } from './subscription.payments.js';
import { SubscriptionService } from './subscription.service.js';
import { SubscriptionStore } from './subscription.store.js';
import { SubscriptionSync } from './subscription.sync.js';
import { SubscriptionTestMode } from './subscription.test-mode.js';
import { registerSubscriptionHandlers } from './subscription.webhooks.js';

/** How often test mode looks for subscriptions whose period has ended (renewal without Stripe). */
const TEST_RENEWAL_MS = 60_000;

/** Subscriptions to paid tiers (docs/decisions/0017-subscriptions.md): webhooks, test mode, the use cases. */
export function createSubscriptions(ctx: BillingContext) {
  const store = new SubscriptionStore();
  const payments = new SubscriptionPayments();
  const tiers = () => ctx.catalog.tiers();
  const allocation = new SubscriptionAllocation({ store, payments, ledger: ctx.ledger, paidGrants: ctx.paidGrants, tiers });
  const testMode = new SubscriptionTestMode({ sql: ctx.sql, store, allocation, billing: ctx.service, tiers });
  ctx.service.addTestCheckoutKind(testMode);
  if (ctx.stripe) {
    const sync = new SubscriptionSync({ stripe: ctx.stripe, store });
    registerSubscriptionHandlers(ctx.handlers, { stripe: ctx.stripe, sync, store, allocation, payments });
  }
  const service = new SubscriptionService({
    publicUrl: ctx.config.PUBLIC_URL,
    sql: ctx.sql,
    store,
    billing: ctx.service,
    stripe: ctx.stripe,
    tiers,
    testMode,
    mode: ctx.mode,
  });
  let timer: NodeJS.Timeout | null = null;
  if (ctx.mode() === 'test') {
    // Unref'd, failure-tolerant, and done once the pool closes (shutdown): it must never keep the process alive.
    const tick = () => {
      if (ctx.sql.pool.ending) return void (timer && clearInterval(timer));
      testMode.renewDue().catch((err) => ctx.log.debug({ err }, 'test-mode subscription renewal failed'));
    };
    timer = setInterval(tick, TEST_RENEWAL_MS);
    timer.unref();
  }
  return { service, testMode, allocation, store, stop: () => timer && clearInterval(timer) };
}
