import { AdminUserResolver } from './modules/admin/admin-user.resolver.js';
import { AnalyticsResolver } from './modules/analytics/analytics.resolver.js';
import { EconomicsResolver } from './modules/analytics/economics.resolver.js';
import { ApiKeyResolver } from './modules/auth/api-key.resolver.js';
import { AutoRechargeResolver } from './modules/billing/auto-recharge.resolver.js';
import { BillingResolver } from './modules/billing/billing.resolver.js';
import { RefundsResolver } from './modules/billing/refunds.resolver.js';
import { SubscriptionResolver } from './modules/billing/subscription.resolver.js';
import { OverageResolver } from './modules/metering/overage.resolver.js';
import { CouponResolver } from './modules/promotions/coupon.resolver.js';
import { GiftResolver } from './modules/promotions/gift.resolver.js';
import { PromotionSettingsResolver } from './modules/promotions/promotion-settings.resolver.js';
import { ReferralResolver } from './modules/promotions/referral.resolver.js';
import { AuthResolver } from './modules/auth/auth.resolver.js';
import { PasswordResolver } from './modules/auth/password.resolver.js';
import { CatalogAdminResolver } from './modules/catalog/catalog-admin.resolver.js';
import { CatalogResolver, UserTierResolver } from './modules/catalog/catalog.resolver.js';
import { ModelAvailabilityResolver } from './modules/catalog/catalog.availability.resolver.js';
import { GatewayResolver } from './modules/gateway/gateway.resolver.js';
import { GatewayAdminResolver } from './modules/gateway/gateway-admin.resolver.js';
import { MeteringResolver } from './modules/metering/metering.resolver.js';
import { ProviderKeyResolver } from './modules/gateway/byok/provider-key.resolver.js';
import { LedgerAdminResolver } from './modules/ledger/ledger-admin.resolver.js';
import { LedgerResolver } from './modules/ledger/ledger.resolver.js';
import { OpenRouterResolver } from './modules/openrouter/openrouter.resolver.js';
import { MailResolver } from './modules/mail/mail.resolver.js';
import { MemberCapsResolver } from './modules/teams/member-caps.resolver.js';
import { TeamsResolver } from './modules/teams/teams.resolver.js';
import { TeamInvitationsResolver } from './modules/teams/invitations.resolver.js';
import { AdminTeamsResolver } from './modules/teams/admin-teams.resolver.js';

export const resolvers = [
  AuthResolver,
  PasswordResolver,
  ApiKeyResolver,
  LedgerResolver,
  LedgerAdminResolver,
  CatalogResolver,
  UserTierResolver,
  ModelAvailabilityResolver,
  CatalogAdminResolver,
  GatewayResolver,
  GatewayAdminResolver,
  MeteringResolver,
  ProviderKeyResolver,
  BillingResolver,
  SubscriptionResolver,
  RefundsResolver,
  AutoRechargeResolver,
  OverageResolver,
  PromotionSettingsResolver,
  CouponResolver,
  GiftResolver,
  ReferralResolver,
  AnalyticsResolver,
  EconomicsResolver,
  AdminUserResolver,
  OpenRouterResolver,
  MailResolver,
  MemberCapsResolver,
  TeamsResolver,
  TeamInvitationsResolver,
  AdminTeamsResolver,
] as const;
