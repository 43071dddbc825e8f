import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../platform/context.js';
import { NotificationSetting, OutboxMailConnection } from './mail.graphql.js';
import type { NotificationSetting as Setting } from './mail.preferences.js';

const toSetting = (s: Setting): NotificationSetting => ({ kind: s.kind, description: s.description, canTurnOff: s.optional, enabled: s.enabled });

/**
 * A user's notification settings (session only: an API key does not manage the account) and the
 * admin's outbox: every mail sent, kept, failed or suppressed (docs/mail.md).
 */
@Resolver()
export class MailResolver {
  @Authorized('session')
  @Query(() => [NotificationSetting], { description: 'Every mail Tollgate may send you, whether it can be turned off, and whether it is on.' })
  async notificationSettings(@Ctx() ctx: RequestContext): Promise<NotificationSetting[]> {
    return (await ctx.services.mail.preferences.list(ctx.principal!.userId)).map(toSetting);
  }

  @Authorized('session')
  @Mutation(() => [NotificationSetting], {
    description: 'Turns one kind of mail on or off; BAD_USER_INPUT for an unknown kind or one that is always sent. Answers every setting.',
  })
  async setNotificationPreference(
    @Arg('kind', () => String) kind: string,
    @Arg('enabled', () => Boolean) enabled: boolean,
    @Ctx() ctx: RequestContext,
  ): Promise<NotificationSetting[]> {
    return (await ctx.services.mail.preferences.set(ctx.principal!.userId, kind, enabled)).map(toSetting);
  }

  @Authorized('admin')
  @Query(() => OutboxMailConnection, { description: 'Every mail recorded, newest first; `to` keeps one address (case-insensitive).' })
  async adminMailOutbox(
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('to', () => String, { nullable: true }) to: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<OutboxMailConnection> {
    const page = await ctx.services.mail.outbox({ first, after, to });
    return { nodes: page.nodes, pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage }, totalCount: page.totalCount };
  }
}
