import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../platform/context.js';
import { toPaymentConnection } from './billing.mappers.js';
import { BuyCreditsInput, CheckoutSession, PaymentConnection, PaymentsModeEnum } from './billing.types.js';

@Resolver()
export class BillingResolver {
  @Authorized('session', 'manage')
  @Mutation(() => CheckoutSession, {
    description: 'Opens a checkout for a credit package. Grants nothing: credits arrive when the payment is confirmed (watch balanceChanged).',
  })
  async buyCredits(@Arg('input', () => BuyCreditsInput) input: BuyCreditsInput, @Ctx() ctx: RequestContext): Promise<CheckoutSession> {
    return ctx.services.billing.service.buyCredits({ id: ctx.principal!.accountId, email: ctx.principal!.email }, input);
  }

  @Authorized('read')
  @Query(() => PaymentsModeEnum, { description: 'How this server takes payments, so a client can say so before anyone tries to buy.' })
  paymentsMode(@Ctx() ctx: RequestContext): string {
    return ctx.services.billing.service.mode;
  }

  @Authorized('read')
  @Query(() => PaymentConnection, { description: 'Your payments, newest first.' })
  async payments(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<PaymentConnection> {
    return toPaymentConnection(await ctx.services.billing.service.payments(ctx.principal!.accountId, first ?? null, after ?? null));
  }
}
