import type { BillingContext } from './billing.module.js';

/** Stub: filled in by the auto-recharge work (issue 10). */
export function createAutoRecharge(_ctx: BillingContext) {
  return {};
}
