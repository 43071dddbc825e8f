import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CreditsScalar } from '../../platform/scalars.js';

export const ReferralStatus = { PENDING: 'pending', REWARDED: 'rewarded', REFUSED: 'refused' } as const;
registerEnumType(ReferralStatus, {
  name: 'ReferralStatus',
  description:
    "PENDING until the referred user's first payment, then REWARDED (both bonuses granted); REFUSED at sign-up (self-referral, or one e-mail domain when the admin blocks that).",
});

@ObjectType({ description: "The caller's referral code and link, and what it has earned." })
export class ReferralInfo {
  @Field({ description: 'Case-insensitive, letters and digits only.' })
  code!: string;

  @Field({ description: 'The sign-up page with the code filled in.' })
  link!: string;

  @Field(() => Int, { description: 'Everyone who signed up with the code (refused referrals included).' })
  referredCount!: number;

  @Field(() => Int, { description: 'Referred users who made their first payment (both sides got their bonus).' })
  rewardedCount!: number;

  @Field(() => CreditsScalar, { description: 'Referrer bonuses the caller received.' })
  earnedCredits!: bigint;
}

@ObjectType({ description: 'One referral, for the admin report.' })
export class ReferralRecord {
  @Field()
  referrerEmail!: string;

  @Field()
  referredEmail!: string;

  @Field(() => ReferralStatus)
  status!: string;

  @Field(() => String, { nullable: true, description: 'Why a REFUSED referral was refused: SELF_REFERRAL or SAME_DOMAIN.' })
  refusedReason!: string | null;

  @Field({ description: 'Something suggests one person on both sides (see flagReasons); the bonus is still paid.' })
  flagged!: boolean;

  @Field(() => [String], { description: 'SAME_IP (signed up from an address the referrer used), SAME_EMAIL_DOMAIN.' })
  flagReasons!: string[];

  @Field(() => CreditsScalar, { description: 'Both bonuses together (0 until rewarded).' })
  bonusCredits!: bigint;

  @Field(() => CreditsScalar)
  referrerBonusCredits!: bigint;

  @Field(() => CreditsScalar)
  referredBonusCredits!: bigint;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  rewardedAt!: Date | null;
}
