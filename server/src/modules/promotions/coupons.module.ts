import type { PromotionsContext } from './promotions.module.js';
import { CouponAdmin } from './coupon.admin.js';
import { CouponCheckout } from './coupon.checkout.js';
import { endFreeMonths } from './coupon.free-month.js';
import { CouponRules } from './coupon.rules.js';
import { CouponService } from './coupon.service.js';
import { CouponStore } from './coupon.store.js';

/** How often free months that are over are ended when no test-mode renewal runs (with Stripe). */
const FREE_MONTH_END_MS = 60_000;

/** Coupons (docs/decisions/0022-coupons.md): redeem, validate, discounts at checkout, admin. */
export function createCoupons(ctx: PromotionsContext) {
  const store = new CouponStore();
  const rules = new CouponRules({ sql: ctx.sql, store });
  const checkout = new CouponCheckout({ sql: ctx.sql, store, rules, stripe: ctx.billing.stripe });
  // Discounts at checkout: buyCredits and subscribe reserve through this; the Checkout webhooks confirm or release.
  ctx.billing.service.useCoupons(checkout);
  checkout.register(ctx.billing.handlers);
  const service = new CouponService({ sql: ctx.sql, store, rules, ledger: ctx.ledger, catalog: ctx.catalog, billing: ctx.billing });
  const admin = new CouponAdmin({ sql: ctx.sql, store, catalog: ctx.catalog });
  const endDue = () => endFreeMonths(ctx.billing, ctx.sql);
  let timer: NodeJS.Timeout | null = null;
  if (ctx.billing.service.mode === 'stripe') {
    // Test mode's own renewal ends them there; with Stripe nothing else would. Unref'd, failure-tolerant.
    timer = setInterval(() => {
      if (ctx.sql.pool.ending) return void (timer && clearInterval(timer));
      endDue().catch((err) => ctx.log.debug({ err }, 'ending free months failed'));
    }, FREE_MONTH_END_MS);
    timer.unref();
  }
  return { sql: ctx.sql, store, rules, checkout, service, admin, endFreeMonths: endDue, stop: () => timer && clearInterval(timer) };
}
