import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../platform/context.js';
import { OverageService } from './overage.service.js';
import { OverageSummary } from './overage.types.js';

/** The `overage` query (docs/decisions/0020-overage.md): this period's allowance, usage and overage. */
@Resolver()
export class OverageResolver {
  @Authorized('read')
  @Query(() => OverageSummary, {
    description: 'Your monthly token allowance this period (UTC calendar month), the tokens used, and the overage tokens and credits.',
  })
  async overage(@Ctx() ctx: RequestContext): Promise<OverageSummary> {
    // Built per request from two services the context already holds: it keeps no state of its own.
    const r = await new OverageService(ctx.services.usage, ctx.services.catalog).report(ctx.principal!.accountId);
    return {
      ...r,
      allowanceTokens: Number(r.allowanceTokens),
      usedTokens: Number(r.usedTokens),
      remainingTokens: Number(r.remainingTokens),
      overageTokens: Number(r.overageTokens),
    };
  }
}
