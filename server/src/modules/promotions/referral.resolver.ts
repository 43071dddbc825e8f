import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../platform/context.js';
import { ReferralInfo, ReferralRecord } from './referral.types.js';

/** The report shows the newest referrals; older ones stay in the table for whoever queries it directly. */
const REPORT_LIMIT = 1000;

@Resolver()
export class ReferralResolver {
  @Authorized('read')
  @Query(() => ReferralInfo, { description: 'Your referral code and link (made on first read), and what it has earned.' })
  async referral(@Ctx() ctx: RequestContext): Promise<ReferralInfo> {
    return ctx.services.promotions.referrals.info(ctx.principal!, ctx.ip);
  }

  @Authorized('admin')
  @Query(() => [ReferralRecord], { description: `Referrals, newest first (at most ${REPORT_LIMIT}).` })
  async adminReferrals(@Ctx() ctx: RequestContext): Promise<ReferralRecord[]> {
    const rows = await ctx.services.promotions.referrals.report(REPORT_LIMIT);
    return rows.map((r) => ({
      referrerEmail: r.referrerEmail,
      referredEmail: r.referredEmail,
      status: r.status,
      refusedReason: r.refusedReason,
      flagged: r.flags.length > 0,
      flagReasons: r.flags,
      bonusCredits: r.referrerBonus + r.referredBonus,
      referrerBonusCredits: r.referrerBonus,
      referredBonusCredits: r.referredBonus,
      createdAt: r.createdAt,
      rewardedAt: r.rewardedAt,
    }));
  }
}
