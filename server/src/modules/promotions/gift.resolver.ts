import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../platform/context.js';
import type { GiftRecord } from './gift.store.js';
import { Gift, SendGiftInput } from './gift.types.js';

/**
 * The signed-in person. Every operation here is @Authorized('session'): moving credit to someone
 * else is not something an API key may do, and the auth checker refuses a key before we get here.
 * Sending is the person's own act, from their own account, even while acting for a team: a team's
 * pool is never given away (docs/decisions/0057-team-billing.md).
 */
const person = (ctx: RequestContext) => ({ id: ctx.principal!.userId, email: ctx.principal!.email });

/**
 * Where a claimed gift goes: the acting account (a team's, for its owner or admin: 'manage'), while
 * gifts addressed by e-mail are still matched against the person's own address.
 */
const recipient = (ctx: RequestContext) => ({ id: ctx.principal!.accountId, email: ctx.principal!.email });

/** Lists never carry a claim URL: the raw token exists only in the sendGift answer. */
const listed = (g: GiftRecord): Gift => ({ ...g, claimUrl: null });

@Resolver()
export class GiftResolver {
  @Authorized('session')
  @Mutation(() => Gift, { description: 'Sends part of your available credit to someone by e-mail (a claim link when they have no account yet).' })
  async sendGift(@Arg('input', () => SendGiftInput) input: SendGiftInput, @Ctx() ctx: RequestContext): Promise<Gift> {
    return ctx.services.promotions.gifts.service.send(person(ctx), input);
  }

  @Authorized('session', 'manage')
  @Mutation(() => Gift, {
    description:
      'Claims the gift of a claim link into the acting account (a team: its owner or admin). The link is a bearer token: whoever holds it may claim.',
  })
  async claimGift(@Arg('token', () => String) token: string, @Ctx() ctx: RequestContext): Promise<Gift> {
    return ctx.services.promotions.gifts.service.claim(recipient(ctx), token);
  }

  @Authorized('session', 'manage')
  @Mutation(() => [Gift], { description: 'Claims every pending gift addressed to your e-mail (sent before you had an account) into the acting account.' })
  async claimPendingGifts(@Ctx() ctx: RequestContext): Promise<Gift[]> {
    return ctx.services.promotions.gifts.service.claimPending(recipient(ctx));
  }

  @Authorized('session')
  @Query(() => [Gift], { description: 'Gifts you sent, newest first.' })
  async giftsSent(@Ctx() ctx: RequestContext): Promise<Gift[]> {
    return (await ctx.services.promotions.gifts.service.sent(person(ctx).id)).map(listed);
  }

  @Authorized('session')
  @Query(() => [Gift], { description: 'Gifts the acting account received, and pending gifts addressed to your e-mail, newest first.' })
  async giftsReceived(@Ctx() ctx: RequestContext): Promise<Gift[]> {
    return (await ctx.services.promotions.gifts.service.received(recipient(ctx))).map(listed);
  }
}
