import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../platform/context.js';
import { toApiKey } from './auth.mappers.js';
import { ApiKey, CreateApiKeyInput, CreatedApiKey } from './auth.types.js';

@Resolver()
export class ApiKeyResolver {
  @Authorized('read')
  @Query(() => [ApiKey], { description: "The caller's API keys, newest first." })
  async apiKeys(@Arg('includeRevoked', () => Boolean, { defaultValue: false }) includeRevoked: boolean, @Ctx() ctx: RequestContext): Promise<ApiKey[]> {
    const keys = await ctx.services.apiKeys.list(ctx.principal!.accountId, includeRevoked);
    return keys.map(toApiKey);
  }

  @Authorized('session')
  @Mutation(() => CreatedApiKey)
  async createApiKey(@Arg('input', () => CreateApiKeyInput) input: CreateApiKeyInput, @Ctx() ctx: RequestContext): Promise<CreatedApiKey> {
    const { apiKey, secret } = await ctx.services.apiKeys.create(ctx.principal!, input);
    return { apiKey: toApiKey(apiKey), secret };
  }

  @Authorized('session')
  @Mutation(() => ApiKey)
  async revokeApiKey(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<ApiKey> {
    return toApiKey(await ctx.services.apiKeys.revoke(ctx.principal!, id));
  }
}
