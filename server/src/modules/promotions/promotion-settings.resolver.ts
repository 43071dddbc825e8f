import { Arg, Authorized, Ctx, Field, InputType, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../platform/context.js';
import { CreditsScalar } from '../../platform/scalars.js';
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
      referrerBonusCredits: input.referrerBonusCredits ?? undefined,
      referredBonusCredits: input.referredBonusCredits ?? undefined,
      referralBlockSameDomain: input.referralBlockSameDomain ?? undefined,
    });
  }
}
