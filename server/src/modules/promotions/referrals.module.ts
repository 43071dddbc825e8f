import type { PromotionsContext } from './promotions.module.js';

/** Stub: filled in by the referrals work (issue 11). */
export function createReferrals(_ctx: PromotionsContext) {
  return {};
}
