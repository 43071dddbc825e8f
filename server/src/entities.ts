import { ApiKey } from './modules/auth/api-key.entity.js';
import { User } from './modules/auth/user.entity.js';
import { BillingCustomer, Payment } from './modules/billing/payment.entity.js';
import { StripeEvent } from './modules/billing/stripe-event.entity.js';
import { autoRechargeEntities } from './modules/billing/auto-recharge.entities.js';
import { refundsEntities } from './modules/billing/refunds.entities.js';
import { subscriptionEntities } from './modules/billing/subscription.entities.js';
import { couponsEntities } from './modules/promotions/coupon.entities.js';
import { giftsEntities } from './modules/promotions/gift.entities.js';
import { referralsEntities } from './modules/promotions/referral.entities.js';
import { adminEntities } from './modules/admin/audit.entity.js';

/** Every entity, listed explicitly (discovery by folder breaks between the .ts sources and the built .js). */
export const entities = [User, ApiKey, StripeEvent, BillingCustomer, Payment, ...subscriptionEntities, ...refundsEntities, ...autoRechargeEntities, ...couponsEntities, ...giftsEntities, ...referralsEntities, ...adminEntities];
