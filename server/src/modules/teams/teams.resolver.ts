import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { TeamRole as TeamRoleValue } from '@tollgate/shared';
import type { RequestContext } from '../../platform/context.js';
import { CreateTeamInput, Team, TeamMember, TeamRole, UpdateTeamInput } from './teams.types.js';

/**
 * Teams and their members (docs/teams.md). Managing is for signed-in sessions only; reading a team
 * and its members also for an API key with `read`, of the key's own account only. Who may do what
 * inside a team is the service's to decide, from the membership row it reads (not the cached principal).
 */
@Resolver()
export class TeamsResolver {
  @Authorized('session')
  @Query(() => [Team], { description: 'The teams you belong to, oldest membership first.' })
  myTeams(@Ctx() ctx: RequestContext): Promise<Team[]> {
    return ctx.services.teams.service.mine(ctx.principal!);
  }

  @Authorized('read')
  @Query(() => Team, { description: 'A team you belong to; NOT_FOUND for any other (an API key: only its own team).' })
  team(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Team> {
    return ctx.services.teams.service.team(ctx.principal!, id);
  }

  @Authorized('read')
  @Query(() => [TeamMember], { description: 'The members of a team you belong to, oldest first.' })
  teamMembers(@Arg('teamId', () => ID) teamId: string, @Ctx() ctx: RequestContext): Promise<TeamMember[]> {
    return ctx.services.teams.service.members(ctx.principal!, teamId);
  }

  @Authorized('session')
  @Mutation(() => Team, { description: 'Creates a team with you as its owner: a credit account, tier and billing of its own.' })
  createTeam(@Arg('input', () => CreateTeamInput) input: CreateTeamInput, @Ctx() ctx: RequestContext): Promise<Team> {
    return ctx.services.teams.service.create(ctx.principal!, input);
  }

  @Authorized('session')
  @Mutation(() => Team, { description: 'Renames a team or changes its billing email (owners and admins); absent fields stay.' })
  updateTeam(@Arg('input', () => UpdateTeamInput) input: UpdateTeamInput, @Ctx() ctx: RequestContext): Promise<Team> {
    return ctx.services.teams.service.update(ctx.principal!, input);
  }

  @Authorized('session')
  @Mutation(() => TeamMember, {
    description: 'Owners change any role; admins move people between MEMBER and ADMIN only. A team always keeps an owner.',
  })
  changeTeamMemberRole(
    @Arg('teamId', () => ID) teamId: string,
    @Arg('userId', () => ID) userId: string,
    @Arg('role', () => TeamRole) role: TeamRoleValue,
    @Ctx() ctx: RequestContext,
  ): Promise<TeamMember> {
    return ctx.services.teams.service.changeRole(ctx.principal!, teamId, userId, role);
  }

  @Authorized('session')
  @Mutation(() => Boolean, { description: 'Removes a member (owners and admins; only owners remove owners) and revokes their keys on the team at once.' })
  removeTeamMember(@Arg('teamId', () => ID) teamId: string, @Arg('userId', () => ID) userId: string, @Ctx() ctx: RequestContext): Promise<boolean> {
    return ctx.services.teams.service.remove(ctx.principal!, teamId, userId);
  }

  @Authorized('session')
  @Mutation(() => Boolean, { description: 'Leaves a team, revoking your keys on it; the last owner cannot leave.' })
  leaveTeam(@Arg('teamId', () => ID) teamId: string, @Ctx() ctx: RequestContext): Promise<boolean> {
    return ctx.services.teams.service.leave(ctx.principal!, teamId);
  }
}
