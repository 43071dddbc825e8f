import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../platform/context.js';
import { usd } from '../billing/index.js';
import { toTransaction } from '../ledger/index.js';
import { toCoupon, toRedemptionRecord } from './coupon.mappers.js';
import { CouponCampaignInput, CouponInput } from './coupon.inputs.js';
import { Coupon, CouponCampaign, CouponCheck, CouponRedemption, CouponRedemptionRecord } from './coupon.types.js';

/** Coupons (docs/decisions/0022-coupons.md): the user's validate and redeem, the admin's create, list, deactivate, campaigns, report. */
@Resolver()
export class CouponResolver {
  @Query(() => CouponCheck, {
    description:
      'What a code would give, without redeeming it. Works signed out (sign-up preview: then no per-user checks). `target`: a package or tier code to check a discount against.',
  })
  async validateCoupon(
    @Arg('code') code: string,
    @Ctx() ctx: RequestContext,
    @Arg('target', () => String, { nullable: true }) targetCode?: string | null,
  ): Promise<CouponCheck> {
    const check = await ctx.services.promotions.coupons.service.validate(code, ctx.principal?.accountId ?? null, targetCode);
    const c = check.coupon;
    return {
      valid: check.valid,
      reason: check.reason,
      message: check.message,
      coupon: c && { code: c.code, kind: c.kind },
      credits: c?.credits ?? null,
      percentOff: c?.percentOff ?? null,
      amountOffUsd: c?.amountOffCents == null ? null : usd(c.amountOffCents),
      tierCode: c?.tierCode ?? null,
      appliesTo: c?.appliesTo ?? [],
      expiresAt: c?.expiresAt ?? null,
    };
  }

  @Authorized('session', 'manage')
  @Mutation(() => CouponRedemption, {
    description: 'Redeems a CREDITS or FREE_MONTH coupon. A discount answers BAD_USER_INPUT reason NOT_APPLICABLE: use it as couponCode at checkout.',
  })
  async redeemCoupon(@Arg('code') code: string, @Ctx() ctx: RequestContext): Promise<CouponRedemption> {
    const r = await ctx.services.promotions.coupons.service.redeem({ id: ctx.principal!.accountId, personId: ctx.principal!.userId }, code);
    return {
      coupon: { code: r.coupon.code, kind: r.coupon.kind },
      credits: r.credits,
      transaction: r.entry && toTransaction(r.entry),
      tierCode: r.tierCode,
      endsAt: r.periodEnd,
    };
  }

  @Authorized('admin')
  @Query(() => [Coupon], { description: 'Every coupon (newest first, at most 1000), with redemption counts and credits granted.' })
  async adminCoupons(@Ctx() ctx: RequestContext): Promise<Coupon[]> {
    return (await ctx.services.promotions.coupons.admin.list()).map((c) => toCoupon(c, c.creditsGranted));
  }

  @Authorized('admin')
  @Query(() => [CouponRedemptionRecord], { description: "A coupon's redemptions, newest first (at most 1000)." })
  async adminCouponRedemptions(@Arg('code') code: string, @Ctx() ctx: RequestContext): Promise<CouponRedemptionRecord[]> {
    return (await ctx.services.promotions.coupons.admin.redemptions(code)).map(toRedemptionRecord);
  }

  @Authorized('admin')
  @Mutation(() => Coupon)
  async adminCreateCoupon(@Arg('input', () => CouponInput) input: CouponInput, @Ctx() ctx: RequestContext): Promise<Coupon> {
    return toCoupon(await ctx.services.promotions.coupons.admin.create(input, ctx.principal!.userId), 0n);
  }

  @Authorized('admin')
  @Mutation(() => Coupon, { description: 'No new redemption or checkout from now on; reserved checkouts may still complete.' })
  async adminDeactivateCoupon(@Arg('code') code: string, @Ctx() ctx: RequestContext): Promise<Coupon> {
    const coupons = ctx.services.promotions.coupons;
    const c = await coupons.admin.deactivate(code);
    return toCoupon(c, await coupons.store.creditsGranted(coupons.sql, c.id));
  }

  @Authorized('admin')
  @Mutation(() => CouponCampaign, { description: 'N (1 to 1000) unique single-use codes with the same terms, and their CSV.' })
  async adminGenerateCoupons(@Arg('input', () => CouponCampaignInput) input: CouponCampaignInput, @Ctx() ctx: RequestContext): Promise<CouponCampaign> {
    return ctx.services.promotions.coupons.admin.generate(input, ctx.principal!.userId);
  }
}
