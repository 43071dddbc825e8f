import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../platform/context.js';
import { toApiKey } from './auth.mappers.js';
import { ApiKey, CreateApiKeyInput, CreatedApiKey, SetApiKeyLimitsInput } from './auth.types.js';

@Resolver()
export class ApiKeyResolver {
  @Authorized('read')
  @Query(() => [ApiKey], {
    description: "The acting account's API keys, newest first: on a team, an owner or admin sees every member's keys, a member only their own.",
  })
  async apiKeys(@Arg('includeRevoked', () => Boolean, { defaultValue: false }) includeRevoked: boolean, @Ctx() ctx: RequestContext): Promise<ApiKey[]> {
    const keys = await ctx.services.apiKeys.listFor(ctx.principal!, includeRevoked);
    return keys.map(toApiKey);
  }

  @Authorized('session')
  @Mutation(() => CreatedApiKey)
  async createApiKey(@Arg('input', () => CreateApiKeyInput) input: CreateApiKeyInput, @Ctx() ctx: RequestContext): Promise<CreatedApiKey> {
    const { apiKey, secret } = await ctx.services.apiKeys.create(ctx.principal!, input);
    return { apiKey: toApiKey(apiKey), secret };
  }

  @Authorized('session')
  @Mutation(() => ApiKey, { description: "Its owner, or for a team key an owner or admin of the team (an admin not an owner's key)." })
  async revokeApiKey(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<ApiKey> {
    return toApiKey(await ctx.services.apiKeys.revoke(ctx.principal!, id));
  }

  @Authorized('session')
  @Mutation(() => ApiKey, {
    description:
      "Replaces a key's cap, expiry and model allow-list (null clears). A personal key: its owner. A team key: an owner or admin of the team only; a member cannot change their own key's limits.",
  })
  async setApiKeyLimits(@Arg('input', () => SetApiKeyLimitsInput) input: SetApiKeyLimitsInput, @Ctx() ctx: RequestContext): Promise<ApiKey> {
    return toApiKey(await ctx.services.apiKeys.setLimits(ctx.principal!, input.id, input));
  }
}
