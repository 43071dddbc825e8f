import { Field, ID, ObjectType } from 'type-graphql';
import { CreditsScalar } from '../../platform/scalars.js';

@ObjectType({ description: 'Credits a refund or dispute could not take back (already spent); settled from the next purchase.' })
export class AdminDebt {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  userId!: string;

  @Field(() => String, { nullable: true, description: "The user's email (null once the user is gone)." })
  userEmail!: string | null;

  @Field(() => ID, { nullable: true, description: 'The refunded or disputed payment.' })
  paymentId!: string | null;

  @Field({ description: 'The Stripe object that caused it: `charge:<id>:refunded:<cents>` or `dispute:<id>`.' })
  cause!: string;

  @Field(() => CreditsScalar, { description: 'What could not be taken back.' })
  credits!: bigint;

  @Field(() => CreditsScalar, { description: 'What later purchases have settled of it.' })
  settledCredits!: bigint;

  @Field(() => CreditsScalar, { description: 'credits − settledCredits.' })
  outstandingCredits!: bigint;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  settledAt!: Date | null;
}
