import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../platform/context.js';
import { usd } from './billing.mappers.js';
import type { AutoRechargeRecord } from './auto-recharge.store.js';
import { AutoRecharge, AutoRechargeInput } from './auto-recharge.types.js';

const toAutoRecharge = (r: AutoRechargeRecord): AutoRecharge => ({
  enabled: r.enabled,
  belowCredits: r.belowCredits,
  packageCode: r.packageCode,
  monthlyLimitUsd: usd(r.monthlyLimitCents),
  spentThisMonthUsd: usd(r.spentThisMonthCents),
  armed: r.armed,
  lastChargeAt: r.lastChargeAt,
  lastError: r.lastError,
  disabledReason: r.disabledReason,
});

/** The auto-recharge operations (docs/decisions/0019-auto-recharge.md): signed-in users, their own settings only. */
@Resolver()
export class AutoRechargeResolver {
  @Authorized('session')
  @Query(() => AutoRecharge, { nullable: true, description: 'Your auto-recharge settings; null when never set.' })
  async autoRecharge(@Ctx() ctx: RequestContext): Promise<AutoRecharge | null> {
    const found = await ctx.services.billing.autoRecharge.service.get(ctx.principal!.accountId);
    return found ? toAutoRecharge(found) : null;
  }

  @Authorized('session', 'manage')
  @Mutation(() => AutoRecharge, {
    description:
      'Saves your auto-recharge settings. When the available credit falls below belowCredits, the saved card is charged once for the package, within the monthly limit.',
  })
  async setAutoRecharge(@Arg('input', () => AutoRechargeInput) input: AutoRechargeInput, @Ctx() ctx: RequestContext): Promise<AutoRecharge> {
    return toAutoRecharge(await ctx.services.billing.autoRecharge.service.set(ctx.principal!.accountId, input));
  }
}
