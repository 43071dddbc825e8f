import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../platform/context.js';
import { NotFoundError } from '../../platform/errors.js';
import { ApiKey } from '../auth/index.js';
import { toApiKey } from '../auth/index.js';
import { PaymentConnection } from '../billing/index.js';
import { toPaymentConnection } from '../billing/index.js';
import { toSubscription } from '../billing/index.js';
import { BillingSubscription } from '../billing/index.js';
import { toProviderKey } from '../gateway/index.js';
import { ProviderKey } from '../gateway/index.js';
import { toConnection } from '../ledger/index.js';
import { historyFilter } from '../ledger/index.js';
import { CreditTransactionConnection } from '../ledger/index.js';
import { toDailyUsage } from '../metering/index.js';
import { DailyUsage } from '../metering/index.js';
import { UserEconomics } from '../analytics/index.js';
import { AdminAuditConnection, AdminGrant, AdminUser, AdminUserConnection } from './admin.types.js';

async function loadUser(ctx: RequestContext, id: string): Promise<AdminUser> {
  const user = await ctx.services.admin.users.get(id);
  if (!user) throw new NotFoundError('User');
  return user;
}

/** The current UTC month, [first day, first day of the next month). */
function currentUtcMonth(now = new Date()): { from: Date; to: Date } {
  return { from: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)), to: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)) };
}

/**
 * User management for admins (docs/decisions/0028-user-management.md): find, inspect, suspend,
 * reactivate; the audit log. The lists on a user reuse the reads behind the user's own queries.
 * Every mutation here is audited by audit.recorder.ts, like every other admin mutation.
 */
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
    const page = await ctx.services.admin.users.search(search, first, after ?? null);
    return { nodes: page.nodes, pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage }, totalCount: page.totalCount };
  }

  @Authorized('admin')
  @Query(() => AdminUser, { description: 'One user; NOT_FOUND when there is none.' })
  async adminUser(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<AdminUser> {
    return loadUser(ctx, id);
  }

  @Authorized('admin')
  @Mutation(() => AdminUser, {
    description:
      "Refuses the user's sessions and API keys from the next request, on every replica; live subscriptions close. Not yourself (BAD_USER_INPUT); a reason is required.",
  })
  async adminSuspendUser(@Arg('userId', () => ID) userId: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: RequestContext): Promise<AdminUser> {
    await ctx.services.admin.suspension.suspend(ctx.principal!.userId, userId, reason);
    return loadUser(ctx, userId);
  }

  @Authorized('admin')
  @Mutation(() => AdminUser, { description: 'Lifts a suspension: sessions, API keys and sign-in work again.' })
  async adminReactivateUser(@Arg('userId', () => ID) userId: string, @Ctx() ctx: RequestContext): Promise<AdminUser> {
    await ctx.services.admin.suspension.reactivate(userId);
    return loadUser(ctx, userId);
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
    const page = await ctx.services.admin.audit.list({
      first,
      after: after ?? null,
      action: action ?? null,
      actorId: actorId ?? null,
      targetId: targetId ?? null,
    });
    return { nodes: page.nodes, pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage }, totalCount: page.totalCount };
  }

  @FieldResolver(() => [AdminGrant], { description: 'Newest first; open ones (remaining > 0) only unless all is true.' })
  async grants(@Root() user: AdminUser, @Arg('all', () => Boolean, { nullable: true }) all: boolean | null, @Ctx() ctx: RequestContext): Promise<AdminGrant[]> {
    return ctx.services.admin.users.grants(user.id, all === true);
  }

  @FieldResolver(() => CreditTransactionConnection, { description: 'Newest first.' })
  async transactions(
    @Root() user: AdminUser,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<CreditTransactionConnection> {
    return toConnection(await ctx.services.ledgerReads.history(user.id, historyFilter({ first, after })));
  }

  @FieldResolver(() => PaymentConnection, { description: 'Newest first.' })
  async payments(
    @Root() user: AdminUser,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<PaymentConnection> {
    return toPaymentConnection(await ctx.services.billing.service.payments(user.id, first ?? null, after ?? null));
  }

  @FieldResolver(() => BillingSubscription, { nullable: true })
  async subscription(@Root() user: AdminUser, @Ctx() ctx: RequestContext): Promise<BillingSubscription | null> {
    const sub = await ctx.services.billing.subscriptions.service.current(user.id);
    return sub && toSubscription(ctx, sub);
  }

  @FieldResolver(() => [DailyUsage], { description: 'Over [from, to) (default the last 30 UTC days), oldest first.' })
  async usageByDay(
    @Root() user: AdminUser,
    @Arg('from', () => Date, { nullable: true }) from: Date | null,
    @Arg('to', () => Date, { nullable: true }) to: Date | null,
    @Ctx() ctx: RequestContext,
  ): Promise<DailyUsage[]> {
    return (await ctx.services.metering.byDay(user.id, from, to)).map(toDailyUsage);
  }

  @FieldResolver(() => [ApiKey], { description: 'Metadata only (the secret is never stored), revoked ones included.' })
  async apiKeys(@Root() user: AdminUser, @Ctx() ctx: RequestContext): Promise<ApiKey[]> {
    return (await ctx.services.apiKeys.list(user.id, true)).map(toApiKey);
  }

  @FieldResolver(() => [ProviderKey], { description: 'BYOK keys: provider and last four characters only.' })
  async providerKeys(@Root() user: AdminUser, @Ctx() ctx: RequestContext): Promise<ProviderKey[]> {
    return (await ctx.services.providerKeys.list(user.id)).map(toProviderKey);
  }

  @FieldResolver(() => UserEconomics, { description: 'Revenue, cost, margin, burn and runway over the current UTC month.' })
  async economics(@Root() user: AdminUser, @Ctx() ctx: RequestContext): Promise<UserEconomics> {
    return ctx.services.analytics.economics.forUser(user.id, currentUtcMonth());
  }
}
