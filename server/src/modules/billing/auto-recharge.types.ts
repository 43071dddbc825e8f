import { Field, InputType, ObjectType } from 'type-graphql';
import { CreditsScalar } from '../../platform/scalars.js';

@InputType({ description: 'Auto-recharge settings: charge the saved card for a package when the available credit falls below a threshold.' })
export class AutoRechargeInput {
  @Field({ description: 'On or off. Turning it on needs a saved card (buy a package first) unless payments are in test mode.' })
  enabled!: boolean;

  @Field(() => CreditsScalar, { description: 'Charge when the available credit (balance − held) falls below this. More than 0.' })
  belowCredits!: bigint;

  @Field({ description: 'The credit package to buy each time (creditPackages).' })
  packageCode!: string;

  @Field({ description: 'The most auto-recharge may charge per calendar month (UTC), in USD with at most 2 fraction digits; at least the package price.' })
  monthlyLimitUsd!: string;
}

@ObjectType({ description: 'Your auto-recharge settings and where they stand.' })
export class AutoRecharge {
  @Field()
  enabled!: boolean;

  @Field(() => CreditsScalar)
  belowCredits!: bigint;

  @Field()
  packageCode!: string;

  @Field({ description: 'USD, 2 fraction digits.' })
  monthlyLimitUsd!: string;

  @Field({ description: "This calendar month's (UTC) auto-recharge charges, pending and paid, in USD." })
  spentThisMonthUsd!: string;

  @Field({ description: 'False after a charge until the available credit is back at or above the threshold: one charge per crossing.' })
  armed!: boolean;

  @Field(() => Date, { nullable: true, description: 'When the last charge was started.' })
  lastChargeAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why the last charge failed (it turned auto-recharge off).' })
  lastError!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Why auto-recharge is not charging now though you are below the threshold (e.g. "monthly limit reached"), or that a failed charge turned it off.',
  })
  disabledReason!: string | null;
}
