import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../platform/context.js';
import { CreatedTeamInvitation, InviteTeamMemberInput, Team, TeamInvitation, TeamInvitationPreview } from './teams.types.js';

/** Invitations to a team: signed-in sessions only (docs/teams.md). */
@Resolver()
export class TeamInvitationsResolver {
  @Authorized('session')
  @Query(() => [TeamInvitation], { description: "A team's invitations, newest first (owners and admins)." })
  teamInvitations(@Arg('teamId', () => ID) teamId: string, @Ctx() ctx: RequestContext): Promise<TeamInvitation[]> {
    return ctx.services.teams.invitations.list(ctx.principal!, teamId);
  }

  @Authorized('session')
  @Query(() => TeamInvitationPreview, { description: 'What an invitation link offers; NOT_FOUND when it is unknown, used, expired or revoked.' })
  teamInvitation(@Arg('token', () => String) token: string, @Ctx() ctx: RequestContext): Promise<TeamInvitationPreview> {
    return ctx.services.teams.invitations.preview(token);
  }

  @Authorized('session')
  @Mutation(() => CreatedTeamInvitation, {
    description:
      'Invites as ADMIN or MEMBER (owners and admins): with email, the link is mailed and only that address may accept; without, a link only. Works once, for 7 days.',
  })
  inviteTeamMember(@Arg('input', () => InviteTeamMemberInput) input: InviteTeamMemberInput, @Ctx() ctx: RequestContext): Promise<CreatedTeamInvitation> {
    return ctx.services.teams.invitations.invite(ctx.principal!, input);
  }

  @Authorized('session')
  @Mutation(() => TeamInvitation, { description: 'Revokes an open invitation (owners and admins); its link stops working.' })
  revokeTeamInvitation(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<TeamInvitation> {
    return ctx.services.teams.invitations.revoke(ctx.principal!, id);
  }

  @Authorized('session')
  @Mutation(() => Team, { description: 'Joins the team; an emailed invitation only for that address. Already a member: the team, unchanged.' })
  acceptTeamInvitation(@Arg('token', () => String) token: string, @Ctx() ctx: RequestContext): Promise<Team> {
    return ctx.services.teams.invitations.accept(ctx.principal!, token);
  }
}
