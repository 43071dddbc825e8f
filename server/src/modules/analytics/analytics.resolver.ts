import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../platform/context.js';
import { BillingSummary } from './analytics.types.js';

/** adminBillingSummary (docs/analytics.md): every figure from the daily rollups, payments and the daily close. */
@Resolver(() => BillingSummary)
export class AnalyticsResolver {
  @Authorized('admin')
  @Query(() => BillingSummary, {
    description: 'Revenue, provider cost, margin and liability over [from, to) in UTC (whole days; default the current UTC month).',
  })
  async adminBillingSummary(
    @Arg('from', () => Date, { nullable: true }) from: Date | null,
    @Arg('to', () => Date, { nullable: true }) to: Date | null,
    @Ctx() ctx: RequestContext,
  ): Promise<BillingSummary> {
    return ctx.services.analytics.summary.summary(from, to);
  }
}
