import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../platform/context.js';
import { toTier } from '../catalog/index.js';
import { CheckoutSession } from './billing.types.js';
import type { SubscriptionRecord } from './subscription.store.js';
import { BillingSubscription, SubscribeInput } from './subscription.types.js';

/** Subscriptions: signed-in users only (an API key cannot start or change a payment). */
@Resolver()
export class SubscriptionResolver {
  @Authorized('read')
  @Query(() => BillingSubscription, { nullable: true, description: 'Your subscription; null when you have none.' })
  async subscription(@Ctx() ctx: RequestContext): Promise<BillingSubscription | null> {
    const sub = await ctx.services.billing.subscriptions.service.current(ctx.principal!.accountId);
    return sub && toSubscription(ctx, sub);
  }

  @Authorized('session', 'manage')
  @Mutation(() => CheckoutSession, { description: 'Opens a checkout for a paid tier. The tier and its credits arrive when the first invoice is paid.' })
  async subscribe(@Arg('input', () => SubscribeInput) input: SubscribeInput, @Ctx() ctx: RequestContext): Promise<CheckoutSession> {
    return ctx.services.billing.subscriptions.service.subscribe(user(ctx), input);
  }

  @Authorized('session', 'manage')
  @Mutation(() => BillingSubscription, { description: 'Upgrade now (prorated credit when its invoice is paid), downgrade at the period end (pendingTier).' })
  async changeSubscription(@Arg('tierCode') tierCode: string, @Ctx() ctx: RequestContext): Promise<BillingSubscription> {
    return toSubscription(ctx, await ctx.services.billing.subscriptions.service.change(user(ctx), tierCode));
  }

  @Authorized('session', 'manage')
  @Mutation(() => BillingSubscription, { description: 'Ends the subscription at the period end; its credits are kept until then.' })
  async cancelSubscription(@Ctx() ctx: RequestContext): Promise<BillingSubscription> {
    return toSubscription(ctx, await ctx.services.billing.subscriptions.service.setCancelAtPeriodEnd(user(ctx), true));
  }

  @Authorized('session', 'manage')
  @Mutation(() => BillingSubscription, { description: 'Undoes cancelSubscription before the period ends.' })
  async resumeSubscription(@Ctx() ctx: RequestContext): Promise<BillingSubscription> {
    return toSubscription(ctx, await ctx.services.billing.subscriptions.service.setCancelAtPeriodEnd(user(ctx), false));
  }

  @Authorized('session', 'manage')
  @Mutation(() => CheckoutSession, { description: "Stripe's Customer Portal (in test mode: Tollgate's own Billing page)." })
  async billingPortal(@Ctx() ctx: RequestContext): Promise<CheckoutSession> {
    return ctx.services.billing.subscriptions.service.portal(user(ctx));
  }
}

const user = (ctx: RequestContext) => ({ id: ctx.principal!.accountId, email: ctx.principal!.email });

export async function toSubscription(ctx: RequestContext, sub: SubscriptionRecord): Promise<BillingSubscription> {
  const tiers = await ctx.services.catalog.tiers();
  const tierOf = (code: string | null) => {
    const tier = code ? tiers.find((t) => t.code === code) : undefined;
    return tier ? toTier(tier) : null;
  };
  return {
    tier: tierOf(sub.tierCode)!,
    status: sub.status,
    currentPeriodStart: sub.currentPeriodStart,
    currentPeriodEnd: sub.currentPeriodEnd,
    cancelAtPeriodEnd: sub.cancelAtPeriodEnd,
    pendingTier: tierOf(sub.pendingTierCode),
    testMode: sub.testMode,
  };
}
