import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../platform/context.js';
import { UnauthenticatedError } from '../../platform/errors.js';
import type { Referrer } from '../promotions/index.js';
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
    // The code is checked before the account exists (a bad one writes nothing); the referral is recorded right after.
    const referrer = await ctx.services.promotions.referrals.referrerFor(input.referralCode);
    const session = await ctx.services.auth.signUp(input, ctx.ip);
    await recordReferral(ctx, session.user, referrer);
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
    await ctx.services.promotions.referrals
      .seen(session.user.id, ctx.ip)
      .catch((err) => ctx.log.warn({ err }, 'could not note the sign-in address for referrals'));
    return { ...session, user: toUser(session.user) };
  }
}

/** The account is made: a failure here loses the referral (logged), never the sign-up. */
async function recordReferral(ctx: RequestContext, user: { id: string; email: string }, referrer: Referrer | null): Promise<void> {
  try {
    await ctx.services.promotions.referrals.recordSignUp(user, referrer, ctx.ip);
  } catch (err) {
    ctx.log.error({ err, userId: user.id }, 'could not record the sign-up for referrals');
  }
}
