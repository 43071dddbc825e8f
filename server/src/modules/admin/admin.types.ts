import { Field, ID, Int, ObjectType } from 'type-graphql';
import { CreditsScalar } from '../../platform/scalars.js';
import { PageInfo } from '../ledger/index.js';

/** The admin's view of a user (docs/admin-console.md). Lists hang off it as field resolvers (admin-user.resolver.ts). */
@ObjectType()
export class AdminUser {
  @Field(() => ID)
  id!: string;

  @Field({ description: "A person's email; a team's is a synthetic address never to show (see teamName)." })
  email!: string;

  @Field({ description: '"person", or "team" for a team\'s account (a team is an account holder; it never signs in).' })
  kind!: string;

  @Field(() => String, { nullable: true, description: "The team's name; null for a person." })
  teamName!: string | null;

  @Field(() => String, { nullable: true, description: "The team's billing email; null for a person." })
  billingEmail!: string | null;

  @Field(() => String, { nullable: true, description: "The team's longest-standing owner's email; null for a person." })
  ownerEmail!: string | null;

  @Field({ description: '"user" or "admin".' })
  role!: string;

  @Field()
  tierCode!: string;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: "Set while suspended: the user's sessions and API keys are refused." })
  suspendedAt!: Date | null;

  @Field(() => String, { nullable: true })
  suspendedReason!: string | null;

  @Field(() => CreditsScalar)
  balance!: bigint;

  @Field(() => CreditsScalar)
  held!: bigint;

  @Field(() => CreditsScalar)
  available!: bigint;

  @Field(() => CreditsScalar, { description: 'Credits owed from refunds or disputes of spent credits (0 when none).' })
  debt!: bigint;

  @Field(() => String, { nullable: true, description: "The subscription's status (ACTIVE, PAST_DUE, …); null without one." })
  subscriptionStatus!: string | null;
}

@ObjectType()
export class AdminUserConnection {
  @Field(() => [AdminUser])
  nodes!: AdminUser[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;
}

@ObjectType({ description: 'A credit bucket of the user: what it granted, what is left, when it expires.' })
export class AdminGrant {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'signup, purchase, subscription, coupon, admin, refund, rollover, gift, referral.' })
  source!: string;

  @Field(() => CreditsScalar)
  amount!: bigint;

  @Field(() => CreditsScalar)
  remaining!: bigint;

  @Field(() => Date, { nullable: true })
  expiresAt!: Date | null;

  @Field(() => String, { nullable: true })
  reference!: string | null;

  @Field()
  createdAt!: Date;
}

@ObjectType({ description: 'Who did what to what, when, with the state before and after (JSON).' })
export class AdminAuditEntry {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { nullable: true, description: 'The admin (null for the system).' })
  actorId!: string | null;

  @Field()
  actorEmail!: string;

  @Field({ description: 'The operation, e.g. adminSetTier, adminSuspendUser.' })
  action!: string;

  @Field({ description: 'user, model, tier, coupon, settings, …' })
  targetType!: string;

  @Field(() => String, { nullable: true })
  targetId!: string | null;

  @Field({ description: 'One line for people.' })
  summary!: string;

  @Field(() => String, { nullable: true, description: 'The arguments the action was called with, as JSON (secrets redacted).' })
  args!: string | null;

  @Field(() => String, { nullable: true, description: 'The state before, as JSON (null when the action created it).' })
  before!: string | null;

  @Field(() => String, { nullable: true, description: 'The state after, as JSON.' })
  after!: string | null;

  @Field()
  createdAt!: Date;
}

@ObjectType()
export class AdminAuditConnection {
  @Field(() => [AdminAuditEntry])
  nodes!: AdminAuditEntry[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;
}
