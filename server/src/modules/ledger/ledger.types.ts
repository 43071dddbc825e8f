import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CreditsScalar } from '../../platform/scalars.js';
import { UserType as User } from '../auth/index.js';

export const TransactionType = {
  SIGNUP_BONUS: 'signup_bonus',
  PURCHASE: 'purchase',
  SUBSCRIPTION: 'subscription',
  COUPON: 'coupon',
  ADMIN_GRANT: 'admin_grant',
  REFUND: 'refund',
  ROLLOVER: 'rollover',
  USAGE: 'usage',
  ADMIN_DEDUCT: 'admin_deduct',
  EXPIRY: 'expiry',
  CLAWBACK: 'clawback',
  GIFT_SENT: 'gift_sent',
  GIFT_RECEIVED: 'gift_received',
  GIFT_RETURNED: 'gift_returned',
  REFERRAL_BONUS: 'referral_bonus',
} as const;
registerEnumType(TransactionType, { name: 'TransactionType', description: 'What moved the balance.' });

export const GrantSource = {
  SIGNUP: 'signup',
  PURCHASE: 'purchase',
  SUBSCRIPTION: 'subscription',
  COUPON: 'coupon',
  ADMIN: 'admin',
  REFUND: 'refund',
  ROLLOVER: 'rollover',
  GIFT: 'gift',
  REFERRAL: 'referral',
} as const;
registerEnumType(GrantSource, { name: 'GrantSource', description: 'Where a bucket of credit came from.' });

@ObjectType()
export class CreditBalance {
  @Field(() => CreditsScalar)
  balance!: bigint;

  @Field(() => CreditsScalar, { description: 'Reserved by calls in flight.' })
  held!: bigint;

  @Field(() => CreditsScalar, { description: 'balance − held: what can be spent now.' })
  available!: bigint;

  @Field(() => CreditsScalar)
  lowBalanceThreshold!: bigint;

  @Field({ description: 'True while the balance is below the low-balance threshold.' })
  lowBalance!: boolean;
}

@ObjectType()
export class CreditTransaction {
  @Field(() => ID)
  id!: string;

  @Field(() => TransactionType)
  type!: string;

  @Field(() => CreditsScalar, { description: 'Signed: positive adds credit, negative takes it.' })
  amount!: bigint;

  @Field(() => CreditsScalar)
  balanceAfter!: bigint;

  @Field()
  description!: string;

  @Field(() => String, { nullable: true })
  reference!: string | null;

  @Field({ description: 'user, admin, system or api_key' })
  actorType!: string;

  @Field(() => ID, { nullable: true, description: "The team member whose call or action this was (a team's spending); null when none is recorded." })
  memberId!: string | null;

  @Field(() => String, { nullable: true, description: "That member's e-mail." })
  memberEmail!: string | null;

  @Field(() => ID, { nullable: true, description: 'The API key that made the call, when one did.' })
  apiKeyId!: string | null;

  @Field(() => String, { nullable: true, description: "That key's name." })
  apiKeyName!: string | null;

  @Field()
  createdAt!: Date;
}

@ObjectType()
export class PageInfo {
  @Field(() => String, { nullable: true })
  endCursor!: string | null;

  @Field()
  hasNextPage!: boolean;
}

@ObjectType()
export class CreditTransactionConnection {
  @Field(() => [CreditTransaction])
  nodes!: CreditTransaction[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;
}

@ObjectType({ description: 'A bucket of credit; spending burns buckets in priority, then expiry, then age order.' })
export class CreditGrant {
  @Field(() => ID)
  id!: string;

  @Field(() => GrantSource)
  source!: string;

  @Field(() => CreditsScalar)
  amount!: bigint;

  @Field(() => CreditsScalar)
  remaining!: bigint;

  @Field(() => Int, { description: 'Lower burns first.' })
  priority!: number;

  @Field(() => Date, { nullable: true })
  expiresAt!: Date | null;

  @Field()
  createdAt!: Date;
}

@InputType()
export class AdminCreditInput {
  @Field(() => ID)
  userId!: string;

  @Field(() => CreditsScalar)
  amount!: bigint;

  @Field()
  reason!: string;

  @Field()
  idempotencyKey!: string;

  @Field(() => Date, { nullable: true, description: 'Grants only: when the credit expires.' })
  expiresAt?: Date | null;
}

@InputType()
export class AdminRefundInput {
  @Field(() => ID)
  userId!: string;

  @Field(() => ID, { description: 'The spend (USAGE or ADMIN_DEDUCT transaction) to refund.' })
  transactionId!: string;

  @Field(() => CreditsScalar, { nullable: true, description: 'Defaults to all that is still refundable.' })
  amount?: bigint | null;

  @Field()
  reason!: string;

  @Field()
  idempotencyKey!: string;
}

@ObjectType()
export class AdminAccount {
  @Field(() => User)
  user!: User;

  @Field({ description: 'How to name the account: a person\'s email, or a team\'s name followed by " (team)".' })
  displayName!: string;

  @Field({ description: '"person" or "team" (a team\'s user.email is a synthetic address, never shown).' })
  kind!: string;

  @Field(() => CreditsScalar)
  balance!: bigint;

  @Field(() => CreditsScalar)
  held!: bigint;

  @Field(() => CreditsScalar)
  available!: bigint;

  @Field(() => CreditsScalar)
  lowBalanceThreshold!: bigint;
}

@ObjectType()
export class AdminAccountConnection {
  @Field(() => [AdminAccount])
  nodes!: AdminAccount[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;
}

@ObjectType()
export class LedgerAudit {
  @Field(() => Int)
  accountsChecked!: number;

  @Field(() => [String], { description: 'Empty when every invariant holds.' })
  violations!: string[];
}
