import { Arg, Authorized, Ctx, Field, InputType, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../platform/context.js';
import { BadUserInputError } from '../../platform/errors.js';
import { CreditsScalar } from '../../platform/scalars.js';
import { MAX_AMOUNT_MICRO } from '../ledger/ledger.domain.js';
import type { PromotionSettings as Settings } from './promotion-settings.store.js';

@ObjectType({ description: "The admin's promotion rules." })
export class PromotionSettings {
  @Field({ description: 'Only credit the user paid for may be gifted (promotional credit cannot be passed on).' })
  giftPaidCreditsOnly!: boolean;

  @Field(() => CreditsScalar, { description: "What the referrer gets after the referred user's first payment." })
  referrerBonusCredits!: bigint;

  @Field(() => CreditsScalar, { description: 'What the referred user gets after their first payment.' })
  referredBonusCredits!: bigint;

  @Field({ description: 'Refuse referrals between addresses of one e-mail domain.' })
  referralBlockSameDomain!: boolean;

  @Field()
  updatedAt!: Date;
}

@InputType()
export class PromotionSettingsInput {
  @Field(() => Boolean, { nullable: true })
  giftPaidCreditsOnly?: boolean | null;

  @Field(() => CreditsScalar, { nullable: true })
  referrerBonusCredits?: bigint | null;

  @Field(() => CreditsScalar, { nullable: true })
  referredBonusCredits?: bigint | null;

  @Field(() => Boolean, { nullable: true })
  referralBlockSameDomain?: boolean | null;
}

const bonus = (value: bigint | null | undefined, field: string) => {
  if (value == null) return undefined;
  if (value < 0n || value > MAX_AMOUNT_MICRO) throw new BadUserInputError(`${field} must be 0 to 1000000 credits`, field);
  return value;
};

@Resolver()
export class PromotionSettingsResolver {
  @Authorized('admin')
  @Query(() => PromotionSettings)
  async adminPromotionSettings(@Ctx() ctx: RequestContext): Promise<Settings> {
    return ctx.services.promotions.settings.get();
  }

  @Authorized('admin')
  @Mutation(() => PromotionSettings, { description: 'Changes the fields given; the others stay.' })
  async adminUpdatePromotionSettings(@Arg('input', () => PromotionSettingsInput) input: PromotionSettingsInput, @Ctx() ctx: RequestContext): Promise<Settings> {
    return ctx.services.promotions.settings.update({
      giftPaidCreditsOnly: input.giftPaidCreditsOnly ?? undefined,
      referrerBonusCredits: bonus(input.referrerBonusCredits, 'referrerBonusCredits'),
      referredBonusCredits: bonus(input.referredBonusCredits, 'referredBonusCredits'),
      referralBlockSameDomain: input.referralBlockSameDomain ?? undefined,
    });
  }
}
