import type { PromotionsContext } from './promotions.module.js';

/** Stub: filled in by the gifts work (issue 11). */
export function createGifts(_ctx: PromotionsContext) {
  return {};
}
