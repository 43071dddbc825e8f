import type { BillingContext } from './billing.module.js';

/** Stub: filled in by the refunds work (issue 10). */
export function createRefunds(_ctx: BillingContext) {
  return {};
}
