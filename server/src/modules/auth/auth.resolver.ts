import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../platform/context.js';
import { UnauthenticatedError } from '../../platform/errors.js';
import { toUser } from './auth.mappers.js';
import { AuthPayload, SignInInput, SignUpInput, User } from './auth.types.js';

@Resolver()
export class AuthResolver {
  @Authorized('read')
  @Query(() => User, { description: 'The caller: a signed-in user, or the owner of the API key.' })
  async me(@Ctx() ctx: RequestContext): Promise<User> {
    const user = await ctx.loaders.userById.load(ctx.principal!.userId);
    if (!user) throw new UnauthenticatedError();
    return toUser(user);
  }

  @Mutation(() => AuthPayload)
  async signUp(@Arg('input', () => SignUpInput) input: SignUpInput, @Ctx() ctx: RequestContext): Promise<AuthPayload> {
    const session = await ctx.services.auth.signUp(input, ctx.ip);
    return { ...session, user: toUser(session.user) };
  }

  @Mutation(() => AuthPayload)
  async signIn(@Arg('input', () => SignInInput) input: SignInInput, @Ctx() ctx: RequestContext): Promise<AuthPayload> {
    let session;
    try {
      session = await ctx.services.auth.signIn(input, ctx.ip);
    } catch (err) {
      // For whoever watches for password guessing; the email and password stay out of the log.
      if (err instanceof UnauthenticatedError) ctx.log.info({ ip: ctx.ip }, 'sign-in refused: wrong email or password');
      throw err;
    }
    return { ...session, user: toUser(session.user) };
  }
}
