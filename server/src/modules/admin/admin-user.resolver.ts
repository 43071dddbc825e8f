import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../platform/context.js';
import { ApiKey } from '../auth/auth.types.js';
import { PaymentConnection } from '../billing/billing.types.js';
import { BillingSubscription } from '../billing/subscription.types.js';
import { ProviderKey } from '../gateway/byok/provider-key.types.js';
import { CreditTransactionConnection } from '../ledger/ledger.types.js';
import { DailyUsage } from '../metering/metering.types.js';
import { UserEconomics } from '../analytics/analytics.types.js';
import { AdminAuditConnection, AdminGrant, AdminUser, AdminUserConnection } from './admin.types.js';

const notYet = (): never => {
  throw new Error('not implemented yet');
};

/** User management for admins (docs/admin-console.md): find, inspect, suspend, reactivate; the audit log. */
@Resolver(() => AdminUser)
export class AdminUserResolver {
  @Authorized('admin')
  @Query(() => AdminUserConnection, { description: 'Users whose email contains search (case-insensitive) or whose id is search; newest first.' })
  async adminUsers(
    @Arg('search', () => String, { nullable: true }) search: string | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<AdminUserConnection> {
    void search; void first; void after; void ctx;
    return notYet();
  }

  @Authorized('admin')
  @Query(() => AdminUser, { description: 'One user; NOT_FOUND when there is none.' })
  async adminUser(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<AdminUser> {
    void id; void ctx;
    return notYet();
  }

  @Authorized('admin')
  @Mutation(() => AdminUser, { description: "Refuses the user's sessions and API keys from the next request, on every replica; live subscriptions close." })
  async adminSuspendUser(@Arg('userId', () => ID) userId: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: RequestContext): Promise<AdminUser> {
    void userId; void reason; void ctx;
    return notYet();
  }

  @Authorized('admin')
  @Mutation(() => AdminUser)
  async adminReactivateUser(@Arg('userId', () => ID) userId: string, @Ctx() ctx: RequestContext): Promise<AdminUser> {
    void userId; void ctx;
    return notYet();
  }

  @Authorized('admin')
  @Query(() => AdminAuditConnection, { description: 'Every admin action, newest first; filter by action, actor or target.' })
  async adminAuditLog(
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('action', () => String, { nullable: true }) action: string | null,
    @Arg('actorId', () => ID, { nullable: true }) actorId: string | null,
    @Arg('targetId', () => ID, { nullable: true }) targetId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<AdminAuditConnection> {
    void first; void after; void action; void actorId; void targetId; void ctx;
    return notYet();
  }

  @FieldResolver(() => [AdminGrant], { description: 'Newest first; open ones (remaining > 0) only unless all is true.' })
  async grants(@Root() user: AdminUser, @Arg('all', () => Boolean, { nullable: true }) all: boolean | null, @Ctx() ctx: RequestContext): Promise<AdminGrant[]> {
    void user; void all; void ctx;
    return notYet();
  }

  @FieldResolver(() => CreditTransactionConnection, { description: 'Newest first.' })
  async transactions(
    @Root() user: AdminUser,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<CreditTransactionConnection> {
    void user; void first; void after; void ctx;
    return notYet();
  }

  @FieldResolver(() => PaymentConnection, { description: 'Newest first.' })
  async payments(
    @Root() user: AdminUser,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<PaymentConnection> {
    void user; void first; void after; void ctx;
    return notYet();
  }

  @FieldResolver(() => BillingSubscription, { nullable: true })
  async subscription(@Root() user: AdminUser, @Ctx() ctx: RequestContext): Promise<BillingSubscription | null> {
    void user; void ctx;
    return notYet();
  }

  @FieldResolver(() => [DailyUsage], { description: 'Over [from, to) (default the last 30 UTC days), oldest first.' })
  async usageByDay(
    @Root() user: AdminUser,
    @Arg('from', () => Date, { nullable: true }) from: Date | null,
    @Arg('to', () => Date, { nullable: true }) to: Date | null,
    @Ctx() ctx: RequestContext,
  ): Promise<DailyUsage[]> {
    void user; void from; void to; void ctx;
    return notYet();
  }

  @FieldResolver(() => [ApiKey], { description: 'Metadata only (the secret is never stored), revoked ones included.' })
  async apiKeys(@Root() user: AdminUser, @Ctx() ctx: RequestContext): Promise<ApiKey[]> {
    void user; void ctx;
    return notYet();
  }

  @FieldResolver(() => [ProviderKey], { description: 'BYOK keys: provider and last four characters only.' })
  async providerKeys(@Root() user: AdminUser, @Ctx() ctx: RequestContext): Promise<ProviderKey[]> {
    void user; void ctx;
    return notYet();
  }

  @FieldResolver(() => UserEconomics, { description: 'Revenue, cost, margin, burn and runway over the current UTC month.' })
  async economics(@Root() user: AdminUser, @Ctx() ctx: RequestContext): Promise<UserEconomics> {
    void user; void ctx;
    return notYet();
  }
}
