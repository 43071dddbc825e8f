import { BadUserInputError, DomainError } from '../../platform/errors.js';
import type { PromotionsContext } from './promotions.module.js';
import { referralReward } from './referral.reward.js';
import { judge, normalizeCode } from './referral.rules.js';
import { ReferralStore } from './referral.store.js';

export interface Referrer {
  userId: string;
  email: string;
  code: string;
  ips: Array<string | null>;
}

/** A referral code that names nobody: sign-up is refused with this, and nothing is written. */
export class UnknownReferralCodeError extends DomainError {
  constructor() {
    super('BAD_USER_INPUT', 'This referral code is not valid: check it, or sign up without it', { field: 'referralCode', reason: 'UNKNOWN_REFERRAL_CODE' });
  }
}

/** Referral codes and links, the sign-up record, the first-payment reward and the admin report. */
export function createReferrals(ctx: PromotionsContext) {
  const store = new ReferralStore(ctx.sql);
  ctx.billing.paidGrants.add(referralReward({ ledger: ctx.ledger, store, settings: ctx.settings }));
  const link = (code: string) => `${ctx.config.PUBLIC_URL}/signup?ref=${encodeURIComponent(code)}`;

  return {
    /**
     * Before the account is made: the referrer a sign-up's code names, or null without a code. A
     * malformed or unknown code refuses the sign-up (BAD_USER_INPUT, field referralCode) so the
     * person learns the bonus would be lost, instead of finding out after their first payment.
     */
    async referrerFor(raw: string | null | undefined): Promise<Referrer | null> {
      if (raw == null || raw.trim() === '') return null;
      if (raw.length > 64) throw new BadUserInputError('A referral code is at most 32 letters and digits', 'referralCode');
      const code = normalizeCode(raw);
      const owner = code ? await store.ownerOf(code) : null;
      if (!code || !owner) throw new UnknownReferralCodeError();
      return { ...owner, code };
    },

    /** After the account is made: its own code (noting where it signed up) and, with a referrer, the referral. */
    async recordSignUp(user: { id: string; email: string }, referrer: Referrer | null, ip: string): Promise<void> {
      await store.codeFor(user.id, ip);
      if (!referrer) return;
      const settings = await ctx.settings.get();
      const verdict = judge(referrer, { email: user.email, ip }, settings.referralBlockSameDomain);
      await store.insert({
        referrerId: referrer.userId,
        referredId: user.id,
        code: referrer.code,
        status: verdict.refused ? 'refused' : 'pending',
        refusedReason: verdict.refused,
        flags: verdict.flags,
        referredIp: ip,
      });
      if (verdict.refused || verdict.flags.length)
        ctx.log.info({ referred: user.id, referrer: referrer.userId, ...verdict }, 'referral recorded with a refusal or flags');
    },

    /** Where a user was last seen, so a referral from the same address is flagged. */
    seen: (userId: string, ip: string) => store.seen(userId, ip),

    /** Only a browser session notes where the user is (an API key calls from some server, not from the person). */
    async info(caller: { userId: string; via: 'session' | 'apiKey' }, callerIp: string) {
      const userId = caller.userId;
      const ip = caller.via === 'session' ? callerIp : null;
      const code = await store.codeFor(userId, ip);
      if (ip) await store.seen(userId, ip);
      const stats = await store.statsFor(userId);
      return { code, link: link(code), referredCount: stats.referred, rewardedCount: stats.rewarded, earnedCredits: stats.earned };
    },

    report: (limit: number) => store.report(limit),
  };
}

export type Referrals = ReturnType<typeof createReferrals>;
