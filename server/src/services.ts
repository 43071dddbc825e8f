import type { Config } from './platform/config.js';
import type { Backplane } from './platform/backplane/index.js';
import type { Orm } from './platform/db.js';
import type { Logger } from './platform/logger.js';
import type { Secrets } from './platform/secrets.js';
import { ApiKeyService } from './modules/auth/api-key.service.js';
import { AuthService } from './modules/auth/auth.service.js';
import { Authenticator } from './modules/auth/authenticate.js';
import { ApiKeyUsage } from './modules/auth/api-key-usage.js';
import { PrincipalCache } from './modules/auth/principal-cache.js';
import { SessionTokens } from './modules/auth/session-token.js';
import { auditLedger } from './modules/ledger/ledger.audit.js';
import type { Clock } from './platform/clock.js';
import { pubSubLedgerEvents } from './modules/ledger/ledger.events.js';
import { LedgerReads } from './modules/ledger/ledger.reads.js';
import { SpendReads } from './modules/ledger/ledger.spend.js';
import { MemberCapsService } from './modules/teams/member-caps.service.js';
import { LedgerService } from './modules/ledger/ledger.service.js';
import type { SqlPool } from './platform/sql.js';
import type { AppPubSub } from './platform/pubsub.js';
import { parseCredits, parseUsdMicro } from '@tollgate/shared';
import { CatalogAdminService } from './modules/catalog/catalog-admin.service.js';
import { pricingPolicy } from './modules/catalog/catalog.policy.js';
import { CatalogService } from './modules/catalog/catalog.service.js';
import { CatalogStore } from './modules/catalog/catalog.store.js';
import { CatalogSnapshot } from './modules/catalog/catalog.snapshot.js';
import { ModelRecommender } from './modules/catalog/catalog.recommend.js';
import { ModelAvailability } from './modules/catalog/catalog.availability.js';
import { platformProviders, runnableProviders } from './modules/gateway/gateway.runnable.js';
import { TierAdvisor } from './modules/catalog/catalog.tier-advice.js';
import { createGateway } from './modules/gateway/gateway.module.js';
import { createEmbeddings } from './modules/gateway/embeddings/embeddings.module.js';
import { UsageStore } from './modules/metering/usage.store.js';
import { CompletionUsageService } from './modules/metering/completion-usage.js';
import { UserCache, type UserChanges } from './platform/user-cache.js';
import { pubSubUsageWarnings } from './modules/metering/metering.events.js';
import { MeteringService } from './modules/metering/metering.service.js';
import { ServicePriceStore } from './modules/metering/service-prices.js';
import { TrackUsageService } from './modules/metering/track-usage.js';
import { UsageAlerts } from './modules/metering/usage.alerts.js';
import { UsageReads } from './modules/metering/usage.reads.js';
import { Keyring } from './platform/crypto.js';
import { ProviderKeyService } from './modules/gateway/byok/provider-key.service.js';
import { ProviderKeyStore } from './modules/gateway/byok/provider-key.store.js';
import { createBilling } from './modules/billing/billing.module.js';
import { createPromotions } from './modules/promotions/promotions.module.js';
import { createAnalytics } from './modules/analytics/analytics.module.js';
import { BalanceTap } from './modules/billing/auto-recharge.balance-tap.js';
import { createAdmin } from './modules/admin/admin.module.js';
import { createOpenRouter } from './modules/openrouter/index.js';
import { createMail } from './modules/mail/mail.module.js';
import { mailBillingNotices } from './modules/mail/mail.billing.js';
import { mailOnLowBalance } from './modules/mail/mail.low-balance.js';
import { PasswordService } from './modules/auth/password.service.js';
import { createTeams } from './modules/teams/teams.module.js';

export interface Deps {
  config: Config;
  orm: Orm;
  backplane: Backplane;
  secrets: Secrets;
  log: Logger;
  sql: SqlPool;
  pubSub: AppPubSub;
  clock?: Clock;
  /** Change notifications for users' tiers and provider keys; without them those are read every time. */
  userChanges?: UserChanges;
}

/** The composition root: every service, built once per process from its dependencies. */
export function createServices(deps: Deps) {
  const tokens = new SessionTokens(deps.secrets.jwtSecret, deps.config.JWT_TTL_SECONDS);
  const principals = new PrincipalCache(deps.backplane, deps.log, { ttlSeconds: deps.config.AUTH_CACHE_TTL_SECONDS });
  const apiKeyUsage = new ApiKeyUsage(deps.sql, deps.log);
  const mail = createMail(deps); // every sender is given this Mailer (docs/mail.md)
  const mailLinks = { publicUrl: deps.config.PUBLIC_URL, creditUsdMicro: parseUsdMicro(deps.config.CREDIT_USD) };
  // Auto-recharge listens to balance changes; a low-balance crossing is mailed to the user.
  const balanceTap = new BalanceTap(mailOnLowBalance(pubSubLedgerEvents(deps.pubSub, deps.log), mail, mailLinks));
  const ledger = new LedgerService(deps.sql, balanceTap, deps.clock);
  const policy = pricingPolicy(deps.config, parseUsdMicro(deps.config.CREDIT_USD));
  const catalogStore = new CatalogStore(deps.sql, policy.thresholds);
  // Loaded by app start (after the seed); reloaded on every replica when an admin edits the catalog.
  const catalogSnapshot = new CatalogSnapshot(catalogStore, deps.backplane.eventTarget, deps.log);
  // Tier codes and sealed provider keys: per user, in memory for AUTH_CACHE_TTL_SECONDS, dropped on every replica when they change.
  const userCacheMs = deps.userChanges ? deps.config.AUTH_CACHE_TTL_SECONDS * 1000 : 0;
  const catalog = new CatalogService(catalogStore, catalogSnapshot, ledger, policy, deps.clock, new UserCache(deps.userChanges ?? null, userCacheMs));
  const ledgerReads = new LedgerReads(deps.sql);
  const spendReads = new SpendReads(deps.sql); // what a spend cap counts, read for keys' and members' caps
  const usage = new UsageStore(deps.sql);
  const completionUsage = new CompletionUsageService(usage);
  const servicePrices = new ServicePriceStore(deps.sql);
  const usageAlerts = new UsageAlerts(deps.sql, usage, pubSubUsageWarnings(deps.pubSub, deps.log), deps.log);
  const providerKeys = new ProviderKeyService(
    new ProviderKeyStore(deps.sql),
    new Keyring(deps.secrets.encryptionKey, deps.secrets.previousEncryptionKeys),
    catalog,
    deps.log,
    new UserCache(deps.userChanges ?? null, userCacheMs),
  );
  const billing = createBilling({
    config: deps.config,
    sql: deps.sql,
    catalog,
    ledger,
    log: deps.log,
    balanceEvents: balanceTap,
    userChanges: deps.userChanges,
  });
  mailBillingNotices(mail, billing, mailLinks); // receipts and past-due notices
  const catalogAdmin = new CatalogAdminService(catalogStore, catalogSnapshot, deps.clock);
  // OpenRouter automation (docs/openrouter.md): per-user OpenRouter keys; null without OPENROUTER_PROVISIONING_KEY.
  const openrouter = createOpenRouter({
    config: deps.config,
    sql: deps.sql,
    keyring: new Keyring(deps.secrets.encryptionKey, deps.secrets.previousEncryptionKeys),
    ledger,
    balanceEvents: balanceTap,
    catalog: catalogSnapshot,
    catalogAdmin,
    log: deps.log,
  });
  // One set of platform providers: the gateway calls them; `auto`, the pickers and the admin's status read whether each is configured.
  const providers = platformProviders(deps.config);
  const recommender = new ModelRecommender(catalog, ledger, new ModelAvailability(runnableProviders(providers, providerKeys, openrouter?.keys)));
  return {
    principals,
    apiKeyUsage,
    authenticator: new Authenticator(deps.orm, tokens, principals, apiKeyUsage),
    auth: new AuthService(deps.orm, deps.backplane, tokens, ledger, parseCredits(deps.config.SIGNUP_BONUS_CREDITS), principals),
    passwords: new PasswordService(deps.sql, deps.backplane, tokens, principals, mail, deps.config.PUBLIC_URL, deps.log),
    apiKeys: new ApiKeyService(deps.orm, principals, apiKeyUsage, spendReads, (id) => catalogSnapshot.model(id, new Date()) !== null),
    memberCaps: new MemberCapsService(deps.sql, principals, spendReads),
    ledger,
    ledgerReads,
    ledgerAudit: () => auditLedger(deps.sql),
    catalog,
    catalogSnapshot,
    recommender,
    tierAdvisor: new TierAdvisor(catalog, ledgerReads, deps.clock),
    usage,
    completionUsage,
    usageAlerts,
    metering: new MeteringService(new UsageReads(deps.sql), servicePrices, catalog, policy, deps.clock ? () => deps.clock!.now() : undefined),
    trackUsage: new TrackUsageService(servicePrices, catalog, ledger, usage, policy),
    ...createGateway({
      config: deps.config,
      sql: deps.sql,
      backplane: deps.backplane,
      log: deps.log,
      catalog,
      recommender,
      ledger,
      usage: completionUsage,
      providerKeys,
      managedKeys: openrouter?.keys,
      providers,
      afterUsage: (userId, quote, used) => usageAlerts.afterUsage(userId, quote.tier, used?.at, used),
    }),
    // POST /v1/embeddings (docs/decisions/0052-embeddings.md): the completions' limits, cache, holds and metering.
    embeddings: createEmbeddings({
      ...{ config: deps.config, sql: deps.sql, backplane: deps.backplane, log: deps.log, catalog, ledger, usage: completionUsage, providerKeys },
      afterUsage: (userId, quote, used) => usageAlerts.afterUsage(userId, quote.tier, used?.at, used),
    }),
    catalogAdmin,
    openrouter,
    providerKeys,
    billing,
    promotions: createPromotions({ config: deps.config, sql: deps.sql, ledger, catalog, billing, log: deps.log, mailer: mail }),
    analytics: createAnalytics({ config: deps.config, sql: deps.sql, catalog, testMode: () => billing.service.mode === 'test', clock: deps.clock }),
    mail,
    // Teams (docs/decisions/0055-teams.md): a membership change is invalidated in the principal cache on every replica.
    teams: createTeams({ sql: deps.sql, backplane: deps.backplane, principals, mailer: mail, publicUrl: deps.config.PUBLIC_URL, log: deps.log }),
    admin: createAdmin({
      sql: deps.sql,
      backplane: deps.backplane,
      log: deps.log,
      // A suspension or reactivation also disables or re-enables the user's OpenRouter key.
      principals: openrouter ? { invalidate: async (id: string) => (await principals.invalidate(id), openrouter.limits.userChanged(id)) } : principals,
    }),
  };
}

export type Services = ReturnType<typeof createServices>;

declare module './platform/context.js' {
  interface ContextParts {
    services: Services;
  }
}
