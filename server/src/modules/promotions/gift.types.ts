import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { CreditsScalar } from '../../platform/scalars.js';

export const GiftStatusEnum = { PENDING: 'pending', CLAIMED: 'claimed', RETURNED: 'returned' } as const;
registerEnumType(GiftStatusEnum, { name: 'GiftStatus', description: 'PENDING until claimed; RETURNED to the sender when unclaimed for 30 days.' });

@InputType()
export class SendGiftInput {
  @Field({ description: "The recipient's e-mail: an account with it gets the credits at once; anyone else gets a claim link from you." })
  recipientEmail!: string;

  @Field(() => CreditsScalar, { description: 'More than 0, at most 100000.' })
  credits!: bigint;

  @Field(() => String, { nullable: true, description: 'At most 500 characters.' })
  message?: string | null;

  @Field({ description: 'Retrying with the same key answers the same gift and moves the credits once.' })
  idempotencyKey!: string;
}

@ObjectType({ description: 'Credits one user sent another.' })
export class Gift {
  @Field(() => ID)
  id!: string;

  @Field(() => CreditsScalar)
  credits!: bigint;

  @Field(() => GiftStatusEnum)
  status!: string;

  @Field()
  senderEmail!: string;

  @Field()
  recipientEmail!: string;

  @Field(() => String, { nullable: true })
  message!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Only in the answer to the sendGift that made a gift for someone without an account: whoever opens it and signs in can claim it. Not stored; share it.',
  })
  claimUrl!: string | null;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  claimedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  returnedAt!: Date | null;

  @Field({ description: 'When an unclaimed gift goes back to its sender.' })
  expiresAt!: Date;
}
