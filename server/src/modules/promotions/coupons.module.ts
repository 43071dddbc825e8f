import type { PromotionsContext } from './promotions.module.js';

/** Stub: filled in by the coupons work (issue 11). */
export function createCoupons(_ctx: PromotionsContext) {
  return {};
}
