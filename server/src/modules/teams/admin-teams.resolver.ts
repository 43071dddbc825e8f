import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../platform/context.js';
import { AdminTeamConnection } from './teams.types.js';

/** The console's team list, beside its users (which no longer list teams' account holders). */
@Resolver()
export class AdminTeamsResolver {
  @Authorized('admin')
  @Query(() => AdminTeamConnection, {
    description: 'Teams whose name or billing email contains search (case-insensitive) or whose id is search; newest first.',
  })
  async adminTeams(
    @Arg('search', () => String, { nullable: true }) search: string | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<AdminTeamConnection> {
    const page = await ctx.services.teams.admin.search(search, first, after);
    return { ...page, pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage } };
  }
}
