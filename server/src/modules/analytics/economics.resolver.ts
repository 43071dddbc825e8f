import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, Float, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../platform/context.js';
import { BillingSummary, UserEconomicsConnection, UserEconomicsOrder } from './analytics.types.js';
import { ProviderReconciliationDay } from './reconciliation.types.js';

@ArgsType()
export class EconomicsPageArgs {
  @Field(() => Int, { nullable: true, description: '1 to 100; default 20.' })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;

  @Field(() => UserEconomicsOrder, { nullable: true, description: 'Default REVENUE.' })
  orderBy?: UserEconomicsOrder | null;
}

/** Per-user economics, runway and provider reconciliation (docs/analytics.md); also the summary's byUser. */
@Resolver(() => BillingSummary)
export class EconomicsResolver {
  @FieldResolver(() => UserEconomicsConnection, { description: 'The users of the range, largest first by orderBy (default REVENUE).' })
  async byUser(
    @Root() summary: BillingSummary,
    @Args(() => EconomicsPageArgs) page: EconomicsPageArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<UserEconomicsConnection> {
    return ctx.services.analytics.economics.page({ range: summary, first: page.first, after: page.after, orderBy: page.orderBy });
  }

  @Authorized('admin')
  @Query(() => UserEconomicsConnection, {
    description:
      "Every user's revenue, provider cost, margin, balance, burn rate and runway over [from, to) (default the current UTC month); search matches an email part or a user id.",
  })
  async adminUserEconomics(
    @Arg('from', () => Date, { nullable: true }) from: Date | null,
    @Arg('to', () => Date, { nullable: true }) to: Date | null,
    @Arg('search', () => String, { nullable: true }) search: string | null,
    @Args(() => EconomicsPageArgs) page: EconomicsPageArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<UserEconomicsConnection> {
    const economics = ctx.services.analytics.economics;
    return economics.page({ range: economics.range(from, to), search, first: page.first, after: page.after, orderBy: page.orderBy });
  }

  @Authorized('admin')
  @Query(() => UserEconomicsConnection, {
    description: 'Users whose runway is under thresholdDays (default 7), shortest first: reach them before they run out.',
  })
  async adminRunwayWatch(
    @Arg('thresholdDays', () => Float, { nullable: true }) thresholdDays: number | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<UserEconomicsConnection> {
    return ctx.services.analytics.economics.watch({ thresholdDays, first, after });
  }

  @Authorized('admin')
  @Query(() => [ProviderReconciliationDay], {
    description: 'Per provider and UTC day over [from, to): metered provider cost next to what the stored usage says it should be, differences explained.',
  })
  async adminProviderReconciliation(
    @Arg('from', () => Date, { nullable: true }) from: Date | null,
    @Arg('to', () => Date, { nullable: true }) to: Date | null,
    @Arg('provider', () => ID, { nullable: true }) provider: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ProviderReconciliationDay[]> {
    return ctx.services.analytics.reconciliation.days({ from, to, provider });
  }
}
