import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../platform/context.js';
import { toUser } from './auth.mappers.js';
import { AuthPayload } from './auth.types.js';
import type { NewSession } from './password.service.js';
import { ChangePasswordInput, ResetPasswordInput } from './password.types.js';

/** Password change (signed in) and "forgot password" (docs/decisions/0050-password-flows.md). */
@Resolver()
export class PasswordResolver {
  @Authorized('session')
  @Mutation(() => AuthPayload, {
    description:
      'Changes the signed-in user\'s password. Every other session ends; use the returned token from now on. A wrong current password: BAD_USER_INPUT (field "currentPassword"), nothing changed.',
  })
  async changePassword(@Arg('input', () => ChangePasswordInput) input: ChangePasswordInput, @Ctx() ctx: RequestContext): Promise<AuthPayload> {
    return payload(ctx, await ctx.services.passwords.change(ctx.principal!.userId, input.currentPassword, input.newPassword));
  }

  @Mutation(() => Boolean, {
    description: 'Mails a reset link if the address has an account. Always true (it does not tell who has an account); rate limited per address and client.',
  })
  async requestPasswordReset(@Arg('email', () => String) email: string, @Ctx() ctx: RequestContext): Promise<boolean> {
    await ctx.services.passwords.requestReset(email, ctx.ip);
    return true;
  }

  @Mutation(() => AuthPayload, {
    description:
      'Sets a new password with a mailed reset link (once), ends every session of the user and signs in. A bad link: BAD_USER_INPUT (field "token").',
  })
  async resetPassword(@Arg('input', () => ResetPasswordInput) input: ResetPasswordInput, @Ctx() ctx: RequestContext): Promise<AuthPayload> {
    return payload(ctx, await ctx.services.passwords.reset(input.token, input.newPassword, ctx.ip));
  }
}

async function payload(ctx: RequestContext, session: NewSession): Promise<AuthPayload> {
  const user = await ctx.services.auth.user(session.userId);
  return { token: session.token, expiresAt: session.expiresAt, user: toUser(user) };
}
