import { ApiKey } from './modules/auth/api-key.entity.js';
import { User } from './modules/auth/user.entity.js';
import { BillingCustomer, Payment } from './modules/billing/payment.entity.js';
import { StripeEvent } from './modules/billing/stripe-event.entity.js';
import { autoRechargeEntities } from './modules/billing/auto-recharge.entities.js';
import { refundsEntities } from './modules/billing/refunds.entities.js';
import { subscriptionEntities } from './modules/billing/subscription.entities.js';

/** Every entity, listed explicitly (discovery by folder breaks between the .ts sources and the built .js). */
export const entities = [User, ApiKey, StripeEvent, BillingCustomer, Payment, ...subscriptionEntities, ...refundsEntities, ...autoRechargeEntities];
