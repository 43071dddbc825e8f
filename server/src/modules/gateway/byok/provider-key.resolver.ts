import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../../platform/context.js';
import type { ProviderKeyRecord } from './provider-key.domain.js';
import { ProviderKey, ProviderKeyRotation, SetProviderKeyInput } from './provider-key.types.js';

export const toProviderKey = (r: ProviderKeyRecord): ProviderKey => ({
  id: r.id,
  provider: r.provider,
  last4: r.last4,
  keyId: r.keyId,
  createdAt: r.createdAt,
  lastUsedAt: r.lastUsedAt,
});

/** BYOK. Managing keys needs a signed-in session, like API keys: a leaked Tollgate key cannot swap them. */
@Resolver()
export class ProviderKeyResolver {
  @Authorized('read')
  @Query(() => [ProviderKey], { description: "The caller's own provider keys, by provider; each shown only by its last four characters." })
  async providerKeys(@Ctx() ctx: RequestContext): Promise<ProviderKey[]> {
    return (await ctx.services.providerKeys.list(ctx.principal!.accountId)).map(toProviderKey);
  }

  @Authorized('session', 'manage')
  @Mutation(() => ProviderKey, { description: 'Stores your key for a provider (replacing the one you had); your tier must allow own keys.' })
  async setProviderKey(@Arg('input', () => SetProviderKeyInput) input: SetProviderKeyInput, @Ctx() ctx: RequestContext): Promise<ProviderKey> {
    return toProviderKey(await ctx.services.providerKeys.set(ctx.principal!.accountId, input));
  }

  @Authorized('session', 'manage')
  @Mutation(() => ProviderKey, { description: 'Deletes one of your provider keys; calls go back to the platform key.' })
  async deleteProviderKey(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<ProviderKey> {
    return toProviderKey(await ctx.services.providerKeys.delete(ctx.principal!.accountId, id));
  }

  @Authorized('admin')
  @Mutation(() => ProviderKeyRotation, { description: 'After rotating TOLLGATE_ENCRYPTION_KEY: re-seals every stored provider key under the new key.' })
  async adminReencryptProviderKeys(@Ctx() ctx: RequestContext): Promise<ProviderKeyRotation> {
    return ctx.services.providerKeys.reencryptAll();
  }
}
