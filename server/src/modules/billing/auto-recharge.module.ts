import type { BillingContext } from './billing.module.js';
import { AutoRechargeCharger } from './auto-recharge.charge.js';
import { AutoRechargeFulfilment, type PaymentIntentLike } from './auto-recharge.fulfilment.js';
import { AutoRechargeService } from './auto-recharge.service.js';
import { AutoRechargeStore } from './auto-recharge.store.js';
import { AutoRechargeTrigger } from './auto-recharge.trigger.js';

/**
 * Auto-recharge (issue 10, docs/decisions/0019-auto-recharge.md): settings, the trigger on the
 * ledger's balance events, the off-session charge, and its `payment_intent.*` webhooks.
 */
export function createAutoRecharge(ctx: BillingContext) {
  const store = new AutoRechargeStore(ctx.sql);
  const fulfilment = new AutoRechargeFulfilment(store, ctx.ledger, ctx.paidGrants);
  const customerOf = (userId: string) => ctx.store.customerOf(userId);
  const charger = new AutoRechargeCharger({ sql: ctx.sql, store, fulfilment, stripe: ctx.stripe, customerOf, log: ctx.log });
  const trigger = new AutoRechargeTrigger(ctx.sql, store, charger, () => ctx.mode() === 'test', ctx.log, ctx.userChanges);
  const service = new AutoRechargeService({
    store,
    packages: () => ctx.catalog.packages(),
    mode: ctx.mode,
    stripe: ctx.stripe,
    customerOf,
    changed: (id) => trigger.forget(id),
  });

  // Credits only from the verified payment; each handler ignores intents that are not auto-recharge's.
  const intent = (event: { data: { object: unknown } }) => event.data.object as PaymentIntentLike;
  ctx.handlers.register('payment_intent.succeeded', async (event, tx, afterCommit) => void (await fulfilment.fulfil(tx, intent(event), afterCommit)));
  ctx.handlers.register('payment_intent.payment_failed', async (event, tx) => {
    const failed = intent(event);
    await fulfilment.fail(tx, failed, null, failed.last_payment_error?.message ?? 'The charge failed');
  });
  // Any paid grant (this recharge's, a package, an invoice) may lift the balance back over the threshold.
  ctx.paidGrants.add(async (tx, grant) => void (await store.rearm(tx, grant.userId, true)));
  ctx.balanceEvents?.listen(trigger.onBalance);

  return { service, store, fulfilment, trigger, idle: () => trigger.idle() };
}
