import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261121000001Auth } from './Migration20261121000001Auth.js';
import { Migration20261121000002Ledger } from './Migration20261121000002Ledger.js';
import { Migration20261121000003Catalog } from './Migration20261121000003Catalog.js';
import { Migration20261121000004Metering } from './Migration20261121000004Metering.js';
import { Migration20261121000005CacheSavings } from './Migration20261121000005CacheSavings.js';
import { Migration20261121000006UsageDaily } from './Migration20261121000006UsageDaily.js';
import { Migration20261121000008UsageByTime } from './Migration20261121000008UsageByTime.js';
import { Migration20261121000007ProviderKeys } from './Migration20261121000007ProviderKeys.js';
import { Migration20261204000009StripeEvents } from './Migration20261204000009StripeEvents.js';
import { Migration20261204000010Payments } from './Migration20261204000010Payments.js';
import { Migration20261204000011Subscriptions } from './Migration20261204000011Subscriptions.js';
import { Migration20261204000012Refunds } from './Migration20261204000012Refunds.js';
import { Migration20261204000013AutoRecharge } from './Migration20261204000013AutoRecharge.js';
import { Migration20261204000014TierOverage } from './Migration20261204000014TierOverage.js';
import { Migration20261204000015PromotionSettings } from './Migration20261204000015PromotionSettings.js';
import { Migration20261204000016Coupons } from './Migration20261204000016Coupons.js';
import { Migration20261204000017Gifts } from './Migration20261204000017Gifts.js';
import { Migration20261204000018Referrals } from './Migration20261204000018Referrals.js';
import { Migration20261205000019RollupByProvider } from './Migration20261205000019RollupByProvider.js';
import { Migration20261205000020AdminAudit } from './Migration20261205000020AdminAudit.js';
import { Migration20261205000021DailyClose } from './Migration20261205000021DailyClose.js';
import { Migration20261205000022SettleFunction } from './Migration20261205000022SettleFunction.js';
import { Migration20261205000023UserChangedNotify } from './Migration20261205000023UserChangedNotify.js';
import { Migration20261205000024AutoRechargeNotify } from './Migration20261205000024AutoRechargeNotify.js';
import { Migration20261205000025Mail } from './Migration20261205000025Mail.js';
import { Migration20261205000026PasswordReset } from './Migration20261205000026PasswordReset.js';
import { Migration20261205000028Embeddings } from './Migration20261205000028Embeddings.js';
import { Migration20261205000027OpenRouterKeys } from './Migration20261205000027OpenRouterKeys.js';
import { Migration20261205000029ReadablePriceSources } from './Migration20261205000029ReadablePriceSources.js';
import { Migration20261205000030Teams } from './Migration20261205000030Teams.js';
import { Migration20261205000031SpendCaps } from './Migration20261205000031SpendCaps.js';
import { Migration20261205000032OneSpendDefinition } from './Migration20261205000032OneSpendDefinition.js';

/**
 * Migrations are listed here, not discovered from the file system, so the same list runs from
 * compiled JavaScript, from TypeScript under swc and inside vitest. Append new ones at the end.
 */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261121000001Auth', class: Migration20261121000001Auth },
  { name: 'Migration20261121000002Ledger', class: Migration20261121000002Ledger },
  { name: 'Migration20261121000003Catalog', class: Migration20261121000003Catalog },
  { name: 'Migration20261121000004Metering', class: Migration20261121000004Metering },
  { name: 'Migration20261121000005CacheSavings', class: Migration20261121000005CacheSavings },
  { name: 'Migration20261121000006UsageDaily', class: Migration20261121000006UsageDaily },
  { name: 'Migration20261121000007ProviderKeys', class: Migration20261121000007ProviderKeys },
  { name: 'Migration20261121000008UsageByTime', class: Migration20261121000008UsageByTime },
  { name: 'Migration20261204000009StripeEvents', class: Migration20261204000009StripeEvents },
  { name: 'Migration20261204000010Payments', class: Migration20261204000010Payments },
  { name: 'Migration20261204000011Subscriptions', class: Migration20261204000011Subscriptions },
  { name: 'Migration20261204000012Refunds', class: Migration20261204000012Refunds },
  { name: 'Migration20261204000013AutoRecharge', class: Migration20261204000013AutoRecharge },
  { name: 'Migration20261204000014TierOverage', class: Migration20261204000014TierOverage },
  { name: 'Migration20261204000015PromotionSettings', class: Migration20261204000015PromotionSettings },
  { name: 'Migration20261204000016Coupons', class: Migration20261204000016Coupons },
  { name: 'Migration20261204000017Gifts', class: Migration20261204000017Gifts },
  { name: 'Migration20261204000018Referrals', class: Migration20261204000018Referrals },
  { name: 'Migration20261205000019RollupByProvider', class: Migration20261205000019RollupByProvider },
  { name: 'Migration20261205000020AdminAudit', class: Migration20261205000020AdminAudit },
  { name: 'Migration20261205000021DailyClose', class: Migration20261205000021DailyClose },
  { name: 'Migration20261205000022SettleFunction', class: Migration20261205000022SettleFunction },
  { name: 'Migration20261205000023UserChangedNotify', class: Migration20261205000023UserChangedNotify },
  { name: 'Migration20261205000024AutoRechargeNotify', class: Migration20261205000024AutoRechargeNotify },
  { name: 'Migration20261205000025Mail', class: Migration20261205000025Mail },
  { name: 'Migration20261205000026PasswordReset', class: Migration20261205000026PasswordReset },
  { name: 'Migration20261205000027OpenRouterKeys', class: Migration20261205000027OpenRouterKeys },
  { name: 'Migration20261205000028Embeddings', class: Migration20261205000028Embeddings },
  { name: 'Migration20261205000029ReadablePriceSources', class: Migration20261205000029ReadablePriceSources },
  { name: 'Migration20261205000030Teams', class: Migration20261205000030Teams },
  { name: 'Migration20261205000031SpendCaps', class: Migration20261205000031SpendCaps },
  { name: 'Migration20261205000032OneSpendDefinition', class: Migration20261205000032OneSpendDefinition },
];
