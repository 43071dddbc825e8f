import type { Config } from '../../platform/config.js';
import type { Logger } from '../../platform/logger.js';
import type { SqlPool } from '../../platform/sql.js';
import type { Billing } from '../billing/index.js';
import type { CatalogService } from '../catalog/index.js';
import type { LedgerService } from '../ledger/index.js';
import type { Mailer } from '../mail/index.js';
import { createCoupons } from './coupons.module.js';
import { createGifts } from './gifts.module.js';
import { createReferrals } from './referrals.module.js';
import { PromotionSettingsStore } from './promotion-settings.store.js';

export interface PromotionsDeps {
  config: Config;
  sql: SqlPool;
  ledger: LedgerService;
  catalog: CatalogService;
  billing: Billing;
  log: Logger;
  /** Gift mails (claim links); absent in tools that send none. */
  mailer?: Mailer;
}

/** What the promotions sub-modules (coupons, gifts, referrals) are built from. */
export interface PromotionsContext extends PromotionsDeps {
  /** The admin's promotion settings (gifts of paid credit only, referral bonuses). */
  settings: PromotionSettingsStore;
}

/** Coupons, gift credits and referral bonuses: promotions on top of the ledger and billing. */
export function createPromotions(deps: PromotionsDeps) {
  const context: PromotionsContext = { ...deps, settings: new PromotionSettingsStore(deps.sql) };
  return {
    settings: context.settings,
    coupons: createCoupons(context),
    gifts: createGifts(context),
    referrals: createReferrals(context),
  };
}

export type Promotions = ReturnType<typeof createPromotions>;
