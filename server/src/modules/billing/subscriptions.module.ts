import type { BillingContext } from './billing.module.js';

/** Stub: filled in by the subscriptions work (issue 10). */
export function createSubscriptions(_ctx: BillingContext) {
  return {};
}
