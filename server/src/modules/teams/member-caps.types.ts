import { Field, ID, InputType, ObjectType } from 'type-graphql';
import type { TeamRole as TeamRoleValue } from '@tollgate/shared';
import { CreditsScalar } from '../../platform/scalars.js';
import { CapSpend, SpendCapInput, SpendCapType } from '../auth/index.js';
import { TeamRole } from './teams.types.js';

@ObjectType({ description: "A team member's spend cap and what they spent (owners and admins see every member, a member only themselves)." })
export class TeamMemberCap {
  @Field(() => ID)
  userId!: string;

  @Field()
  email!: string;

  @Field(() => TeamRole)
  role!: TeamRoleValue;

  @Field(() => SpendCapType, {
    nullable: true,
    description: 'At most this much spent from the team per period, by any of their keys or sessions; none when null.',
  })
  cap!: SpendCapType | null;

  @Field(() => CapSpend, { nullable: true, description: "The cap's current period and what the member spent in it; null without a cap." })
  capSpend!: CapSpend | null;

  @Field(() => CreditsScalar, { description: 'Spent from the team this calendar month (UTC), counted as a cap counts it.' })
  spentThisMonth!: bigint;
}

@InputType()
export class SetTeamMemberCapInput {
  @Field(() => ID)
  teamId!: string;

  @Field(() => ID)
  userId!: string;

  @Field(() => SpendCapInput, { nullable: true, description: 'Null or missing clears the cap.' })
  cap?: SpendCapInput | null;
}
