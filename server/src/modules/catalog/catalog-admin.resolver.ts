import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../platform/context.js';
import { UserType as User } from '../auth/index.js';
import { reloadUser } from './catalog.resolver.js';
import { toModel, toPriceVersion, toTier } from './catalog.mappers.js';
import { Model, ModelPriceInput, ModelPriceVersion, Tier, TierInput } from './catalog.types.js';

@Resolver()
export class CatalogAdminResolver {
  @Authorized('admin')
  @Mutation(() => User)
  async adminSetTier(@Arg('userId', () => ID) userId: string, @Arg('tier') tier: string, @Ctx() ctx: RequestContext): Promise<User> {
    await ctx.services.catalog.setTier(userId, tier);
    return reloadUser(ctx, userId);
  }

  @Authorized('admin')
  @Mutation(() => ModelPriceVersion, { description: 'A new price version; requests from effectiveFrom on use it, earlier usage keeps its price.' })
  async adminSetModelPrice(@Arg('input', () => ModelPriceInput) input: ModelPriceInput, @Ctx() ctx: RequestContext): Promise<ModelPriceVersion> {
    return toPriceVersion(await ctx.services.catalogAdmin.setModelPrice(ctx.principal!.userId, input.modelId, input));
  }

  @Authorized('admin')
  @Mutation(() => Boolean, { description: 'Deactivated models disappear from `models` and refuse requests.' })
  async adminSetModelActive(@Arg('modelId', () => ID) modelId: string, @Arg('active') active: boolean, @Ctx() ctx: RequestContext): Promise<boolean> {
    await ctx.services.catalogAdmin.setModelActive(modelId, active);
    return active;
  }

  @Authorized('admin')
  @Query(() => [ModelPriceVersion], { description: 'Every price version of a model, newest first.' })
  async modelPriceHistory(@Arg('modelId', () => ID) modelId: string, @Ctx() ctx: RequestContext): Promise<ModelPriceVersion[]> {
    return (await ctx.services.catalogAdmin.priceHistory(modelId)).map(toPriceVersion);
  }

  @Authorized('admin')
  @Query(() => [Model], { description: 'Every model, inactive ones included, priced for the admin.' })
  async adminModels(@Ctx() ctx: RequestContext): Promise<Model[]> {
    return (await ctx.services.catalog.models(ctx.principal!.userId, { includeInactive: true })).map(toModel);
  }

  @Authorized('admin')
  @Mutation(() => Tier)
  async adminUpdateTier(@Arg('code') code: string, @Arg('input', () => TierInput) input: TierInput, @Ctx() ctx: RequestContext): Promise<Tier> {
    return toTier(await ctx.services.catalogAdmin.updateTier(code, input));
  }
}
