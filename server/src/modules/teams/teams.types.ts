import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { TeamRole as TeamRoleValue } from '@tollgate/shared';
import { CreditsScalar } from '../../platform/scalars.js';
import { PageInfo } from '../ledger/index.js';

/** GraphQL names OWNER/ADMIN/MEMBER; inside, the lower-case roles of @tollgate/shared. */
export const TeamRole = { OWNER: 'owner', ADMIN: 'admin', MEMBER: 'member' } as const satisfies Record<string, TeamRoleValue>;
registerEnumType(TeamRole, {
  name: 'TeamRole',
  description: 'OWNER: everything, owners included. ADMIN: members (not owners), keys, caps, billing. MEMBER: spends from the team.',
});

@ObjectType({ description: 'A team: a credit account, tier and billing of its own, shared by its members.' })
export class Team {
  @Field(() => ID, { description: 'Also the account id: send it as X-Tollgate-Account to act for the team.' })
  id!: string;

  @Field()
  name!: string;

  @Field({ description: 'Where receipts and billing mail go.' })
  billingEmail!: string;

  @Field(() => TeamRole, { description: "The caller's role in this team." })
  myRole!: TeamRoleValue;

  @Field(() => Int)
  memberCount!: number;

  @Field()
  tierCode!: string;

  @Field()
  createdAt!: Date;
}

@ObjectType()
export class TeamMember {
  @Field(() => ID)
  userId!: string;

  @Field()
  email!: string;

  @Field(() => TeamRole)
  role!: TeamRoleValue;

  @Field()
  joinedAt!: Date;
}

@ObjectType()
export class TeamInvitation {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true, description: 'The invited address; null for a link anyone signed in may accept.' })
  email!: string | null;

  @Field(() => TeamRole)
  role!: TeamRoleValue;

  @Field()
  invitedByEmail!: string;

  @Field()
  createdAt!: Date;

  @Field()
  expiresAt!: Date;

  @Field({ description: 'pending, accepted, revoked or expired.' })
  status!: string;
}

@ObjectType()
export class CreatedTeamInvitation {
  @Field(() => TeamInvitation)
  invitation!: TeamInvitation;

  @Field({ description: 'The link to accept it (<PUBLIC_URL>/invite/<token>): shown once, only its hash is kept.' })
  link!: string;
}

@ObjectType({ description: 'What the accept page shows before the invitation is accepted.' })
export class TeamInvitationPreview {
  @Field(() => ID)
  teamId!: string;

  @Field()
  teamName!: string;

  @Field(() => TeamRole)
  role!: TeamRoleValue;

  @Field(() => String, { nullable: true, description: 'Set for an emailed invitation: only that address may accept it.' })
  email!: string | null;

  @Field()
  invitedByEmail!: string;

  @Field()
  expiresAt!: Date;
}

@ObjectType()
export class AdminTeam {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  billingEmail!: string;

  @Field({ description: 'The longest-standing owner.' })
  ownerEmail!: string;

  @Field(() => Int)
  memberCount!: number;

  @Field()
  tierCode!: string;

  @Field(() => CreditsScalar)
  balance!: bigint;

  @Field()
  createdAt!: Date;
}

@ObjectType()
export class AdminTeamConnection {
  @Field(() => [AdminTeam])
  nodes!: AdminTeam[];

  @Field(() => Int)
  totalCount!: number;

  @Field(() => String, { nullable: true, description: 'Also in pageInfo (the admin users connection’s shape).' })
  endCursor!: string | null;

  @Field()
  hasNextPage!: boolean;

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@InputType()
export class CreateTeamInput {
  @Field({ description: '1 to 80 characters.' })
  name!: string;

  @Field(() => String, { nullable: true, description: "Where receipts go; the creator's email when absent." })
  billingEmail?: string | null;
}

@InputType()
export class UpdateTeamInput {
  @Field(() => ID)
  teamId!: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  billingEmail?: string | null;
}

@InputType()
export class InviteTeamMemberInput {
  @Field(() => ID)
  teamId!: string;

  @Field(() => String, { nullable: true, description: 'Mails the link to this address (only its owner may accept); absent: a link only.' })
  email?: string | null;

  @Field(() => TeamRole, { description: 'ADMIN or MEMBER.' })
  role!: TeamRoleValue;
}
