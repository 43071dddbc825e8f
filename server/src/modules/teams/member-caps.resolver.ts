import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../platform/context.js';
import { toCapSpend, toSpendCap } from '../auth/index.js';
import type { MemberCapView } from './member-caps.service.js';
import { SetTeamMemberCapInput, TeamMemberCap } from './member-caps.types.js';

const toTeamMemberCap = ({ member, cap, spend, month }: MemberCapView): TeamMemberCap => ({
  userId: member.userId,
  email: member.email,
  role: member.role,
  cap: toSpendCap(cap),
  capSpend: toCapSpend(cap, spend),
  spentThisMonth: month.spentMicro,
});

/** Per-member spend caps (docs/decisions/0060-key-limits-api.md); who may do what is the service's to decide, from team_member. */
@Resolver()
export class MemberCapsResolver {
  @Authorized('read')
  @Query(() => [TeamMemberCap], {
    description: 'Owners and admins: every member of the team; a member: only their own row. NOT_FOUND for a team you are not in.',
  })
  async teamMemberCaps(@Arg('teamId', () => ID) teamId: string, @Ctx() ctx: RequestContext): Promise<TeamMemberCap[]> {
    return (await ctx.services.memberCaps.list(ctx.principal!, teamId)).map(toTeamMemberCap);
  }

  @Authorized('session')
  @Mutation(() => TeamMemberCap, {
    description:
      "Sets or clears a member's spend cap: owners and admins of the team (only an owner caps an owner); a member cannot set any cap, their own included.",
  })
  async setTeamMemberCap(@Arg('input', () => SetTeamMemberCapInput) input: SetTeamMemberCapInput, @Ctx() ctx: RequestContext): Promise<TeamMemberCap> {
    return toTeamMemberCap(await ctx.services.memberCaps.set(ctx.principal!, input));
  }
}
