import { ApiKey } from './modules/auth/api-key.entity.js';
import { User } from './modules/auth/user.entity.js';
import { PasswordReset } from './modules/auth/password-reset.entity.js';
import { BillingCustomer, Payment } from './modules/billing/payment.entity.js';
import { StripeEvent } from './modules/billing/stripe-event.entity.js';
import { autoRechargeEntities } from './modules/billing/auto-recharge.entities.js';
import { refundsEntities } from './modules/billing/refunds.entities.js';
import { subscriptionEntities } from './modules/billing/subscription.entities.js';
import { couponsEntities } from './modules/promotions/coupon.entities.js';
import { giftsEntities } from './modules/promotions/gift.entities.js';
import { referralsEntities } from './modules/promotions/referral.entities.js';
import { adminEntities } from './modules/admin/audit.entity.js';
import { mailEntities } from './modules/mail/mail.entities.js';
import { ledgerEntities } from './modules/ledger/ledger.entities.js';
import { catalogEntities } from './modules/catalog/catalog.entities.js';
import { meteringEntities } from './modules/metering/metering.entities.js';
import { byokEntities } from './modules/gateway/byok/byok.entities.js';
import { analyticsEntities } from './modules/analytics/analytics.entities.js';
import { openRouterEntities } from './modules/openrouter/openrouter.entities.js';

import { teamsEntities } from './modules/teams/teams.entities.js';
/**
 * Every entity, listed explicitly (discovery by folder breaks between the .ts sources and the built .js):
 * one per table, each in its module (docs/data-model.md; platform/__tests__/entity-schema.test.ts keeps them exact).
 */
export const entities = [
  User,
  ApiKey,
  PasswordReset,
  ...ledgerEntities,
  ...catalogEntities,
  ...meteringEntities,
  ...byokEntities,
  StripeEvent,
  BillingCustomer,
  Payment,
  ...subscriptionEntities,
  ...refundsEntities,
  ...autoRechargeEntities,
  ...couponsEntities,
  ...giftsEntities,
  ...referralsEntities,
  ...analyticsEntities,
  ...adminEntities,
  ...openRouterEntities,
  ...mailEntities,
  ...teamsEntities,
];
