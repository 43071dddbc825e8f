import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../platform/context.js';
import { CacheStats } from './metering.types.js';

const toStats = (s: { requests: number; hits: number; savedMicro: bigint }): CacheStats => ({
  requests: s.requests,
  hits: s.hits,
  hitRate: s.requests === 0 ? 0 : s.hits / s.requests,
  creditsSaved: s.savedMicro,
});

@Resolver()
export class MeteringResolver {
  @Authorized('read')
  @Query(() => CacheStats, { description: 'Your response-cache hit rate and the credits it saved you.' })
  async cacheStats(@Ctx() ctx: RequestContext): Promise<CacheStats> {
    return toStats(await ctx.services.usage.cacheStats(ctx.principal!.userId));
  }

  @Authorized('admin')
  @Query(() => CacheStats, { description: 'The cache across every account.' })
  async adminCacheStats(@Ctx() ctx: RequestContext): Promise<CacheStats> {
    return toStats(await ctx.services.usage.cacheStats(null));
  }
}
