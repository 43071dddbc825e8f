import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import type { RequestContext } from '../../platform/context.js';
import { anyOf, keyScope } from '../auth/index.js';
import { toCreditBalance } from '../ledger/index.js';
import { usageWarningTopic, type UsageWarningPayload } from './metering.events.js';
import { ownOnly, toDailyUsage, toMemberUsage, toModelUsage, toUsageSummary, toUsageWarning, trackCaller } from './metering.mappers.js';
import { CacheStats, DailyUsage, MemberUsage, ModelUsage, ServicePrice, TrackedUsage, TrackUsageInput, UsageSummary, UsageWarning } from './metering.types.js';

const toStats = (s: { requests: number; hits: number; savedMicro: bigint }): CacheStats => ({
  requests: s.requests,
  hits: s.hits,
  hitRate: s.requests === 0 ? 0 : s.hits / s.requests,
  creditsSaved: s.savedMicro,
});

const RANGE = 'Over [from, to): default the current UTC month so far; at most 366 days.';

@Resolver()
export class MeteringResolver {
  @Authorized('read')
  @Query(() => CacheStats, { description: 'Your response-cache hit rate and the credits it saved you.' })
  async cacheStats(@Ctx() ctx: RequestContext): Promise<CacheStats> {
    return toStats(await ctx.services.usage.cacheStats(ctx.principal!.accountId));
  }

  @Authorized('admin')
  @Query(() => CacheStats, { description: 'The cache across every account.' })
  async adminCacheStats(@Ctx() ctx: RequestContext): Promise<CacheStats> {
    return toStats(await ctx.services.usage.cacheStats(null));
  }

  @Authorized('read')
  @Query(() => UsageSummary, { description: `Your usage: completions and tracked services. ${RANGE}` })
  async usageSummary(
    @Ctx() ctx: RequestContext,
    @Arg('from', () => Date, { nullable: true }) from?: Date | null,
    @Arg('to', () => Date, { nullable: true }) to?: Date | null,
  ): Promise<UsageSummary> {
    return toUsageSummary(await ctx.services.metering.summary(ctx.principal!.accountId, from, to, ownOnly(ctx.principal!)));
  }

  @Authorized('read')
  @Query(() => [ModelUsage], { description: `Your usage per service and model, costliest first. ${RANGE}` })
  async usageByModel(
    @Ctx() ctx: RequestContext,
    @Arg('from', () => Date, { nullable: true }) from?: Date | null,
    @Arg('to', () => Date, { nullable: true }) to?: Date | null,
  ): Promise<ModelUsage[]> {
    return (await ctx.services.metering.byModel(ctx.principal!.accountId, from, to, ownOnly(ctx.principal!))).map(toModelUsage);
  }

  @Authorized('read')
  @Query(() => [DailyUsage], { description: `Your usage per UTC day, oldest first, every day of the range (zeros included). ${RANGE}` })
  async usageByDay(
    @Ctx() ctx: RequestContext,
    @Arg('from', () => Date, { nullable: true }) from?: Date | null,
    @Arg('to', () => Date, { nullable: true }) to?: Date | null,
  ): Promise<DailyUsage[]> {
    return (await ctx.services.metering.byDay(ctx.principal!.accountId, from, to, ownOnly(ctx.principal!))).map(toDailyUsage);
  }

  @Authorized('read')
  @Query(() => [MemberUsage], {
    description: `The acting account's usage per member, costliest first; a team's plain member sees only their own row. ${RANGE}`,
  })
  async usageByMember(
    @Ctx() ctx: RequestContext,
    @Arg('from', () => Date, { nullable: true }) from?: Date | null,
    @Arg('to', () => Date, { nullable: true }) to?: Date | null,
  ): Promise<MemberUsage[]> {
    return (await ctx.services.metering.byMember(ctx.principal!.accountId, ownOnly(ctx.principal!), from, to)).map(toMemberUsage);
  }

  @Authorized('admin')
  @Query(() => UsageSummary, { description: `Usage of one account (userId) or of every account. ${RANGE}` })
  async adminUsageSummary(
    @Ctx() ctx: RequestContext,
    @Arg('userId', () => ID, { nullable: true }) userId?: string | null,
    @Arg('from', () => Date, { nullable: true }) from?: Date | null,
    @Arg('to', () => Date, { nullable: true }) to?: Date | null,
  ): Promise<UsageSummary> {
    return toUsageSummary(await ctx.services.metering.summary(userId ?? null, from, to));
  }

  @Authorized('admin')
  @Query(() => [ModelUsage], { description: `Usage per service and model, of one account (userId) or of every account. ${RANGE}` })
  async adminUsageByModel(
    @Ctx() ctx: RequestContext,
    @Arg('userId', () => ID, { nullable: true }) userId?: string | null,
    @Arg('from', () => Date, { nullable: true }) from?: Date | null,
    @Arg('to', () => Date, { nullable: true }) to?: Date | null,
  ): Promise<ModelUsage[]> {
    return (await ctx.services.metering.byModel(userId ?? null, from, to)).map(toModelUsage);
  }

  @Authorized('admin')
  @Query(() => [DailyUsage], { description: `Usage per UTC day, of one account (userId) or of every account. ${RANGE}` })
  async adminUsageByDay(
    @Ctx() ctx: RequestContext,
    @Arg('userId', () => ID, { nullable: true }) userId?: string | null,
    @Arg('from', () => Date, { nullable: true }) from?: Date | null,
    @Arg('to', () => Date, { nullable: true }) to?: Date | null,
  ): Promise<DailyUsage[]> {
    return (await ctx.services.metering.byDay(userId ?? null, from, to)).map(toDailyUsage);
  }

  // keyScope('admin'), not 'admin': an admin-scoped key reads prices whatever its owner's role (as before the rule moved here).
  @Authorized(anyOf(['read', 'service', keyScope('admin')], 'This API key needs the "read" or "service" scope'))
  @Query(() => [ServicePrice], {
    description: 'What trackUsage charges you per unit of each service (your tier\'s markup included). Needs a session or the "read" or "service" scope.',
  })
  async servicePrices(@Ctx() ctx: RequestContext): Promise<ServicePrice[]> {
    return ctx.services.metering.servicePrices(ctx.principal!.accountId);
  }

  @Authorized(anyOf(['admin', keyScope('service')], 'trackUsage needs an admin, or an API key with the "service" scope'))
  @Mutation(() => TrackedUsage, {
    description:
      'Meters and charges a per-unit service (embeddings, tts, stt, search, rerank, agent). Needs an admin, or an API key with the "service" scope (which charges its own account).',
  })
  async trackUsage(@Arg('input', () => TrackUsageInput) input: TrackUsageInput, @Ctx() ctx: RequestContext): Promise<TrackedUsage> {
    const result = await ctx.services.trackUsage.track(trackCaller(ctx.principal!), input);
    return {
      id: result.id,
      service: result.service,
      units: result.units,
      charged: result.charged,
      balance: toCreditBalance(result.balance),
      replayed: result.replayed,
    };
  }

  @Authorized('read')
  @Subscription(() => UsageWarning, {
    description: "Fires once per UTC month and kind when your completions pass 80% of your tier's monthly token allowance or request cap.",
    topics: ({ context }: SubscribeResolverData<unknown, unknown, RequestContext>) => usageWarningTopic(context.principal!.accountId),
  })
  usageWarning(@Root() payload: UsageWarningPayload): UsageWarning {
    return toUsageWarning(payload);
  }
}
