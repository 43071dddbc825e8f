import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../platform/context.js';
import { NotFoundError } from '../../platform/errors.js';
import { toUser } from '../auth/index.js';
import { UserType as User } from '../auth/index.js';
import { toModel, toPackage, toTier } from './catalog.mappers.js';
import { CostEstimate, CreditPackage, EstimateCostInput, Model, ModelRecommendation, Tier, TierRecommendation } from './catalog.types.js';
import { usdText } from './catalog.tier-advice.js';

@Resolver()
export class CatalogResolver {
  @Authorized('read')
  @Query(() => [Model], { description: 'Active models with the price you pay per 1M tokens and whether your tier allows each.' })
  async models(@Ctx() ctx: RequestContext): Promise<Model[]> {
    return (await ctx.services.catalog.models(ctx.principal!.accountId)).map(toModel);
  }

  @Query(() => [Tier], { description: 'Every tier, cheapest first: the comparison table.' })
  async tiers(@Ctx() ctx: RequestContext): Promise<Tier[]> {
    return (await ctx.services.catalog.tiers()).map(toTier);
  }

  @Query(() => String, { description: "USD per credit (CREDIT_USD), for pricing previews: charges use it with each model's price and markupBps." })
  creditUsd(@Ctx() ctx: RequestContext): string {
    return ctx.services.catalog.creditUsd;
  }

  @Query(() => [CreditPackage])
  async creditPackages(@Ctx() ctx: RequestContext): Promise<CreditPackage[]> {
    return (await ctx.services.catalog.packages()).map(toPackage);
  }

  @Authorized('read')
  @Query(() => CostEstimate, { description: 'What a request would cost you: expected and worst case (what would be held).' })
  async estimateCost(@Arg('input', () => EstimateCostInput) input: EstimateCostInput, @Ctx() ctx: RequestContext): Promise<CostEstimate> {
    const e = await ctx.services.recommender.estimateCost(ctx.principal!.accountId, input);
    return {
      model: e.model.id,
      inputTokens: e.inputTokens,
      maxOutputTokens: e.maxOutputTokens,
      expectedCredits: e.expectedMicro,
      maxCredits: e.maxMicro,
      affordable: e.affordable,
      unavailableBecause: e.unavailableBecause,
    };
  }

  @Authorized('read')
  @Query(() => ModelRecommendation, { description: 'What `model: "auto"` would pick for this prompt, why, and what else was considered.' })
  async recommendModel(
    @Arg('prompt') prompt: string,
    @Arg('maxTokens', () => Int, { nullable: true }) maxTokens: number | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ModelRecommendation> {
    const r = await ctx.services.recommender.recommend(ctx.principal!.accountId, prompt, maxTokens);
    return {
      model: r.model?.id ?? null,
      taskType: r.classification.taskType,
      complexity: r.classification.complexity,
      signals: r.classification.signals,
      reasoning: r.reasoning,
      alternatives: r.alternatives.map((a) => ({ model: a.id, maxCredits: a.maxCostMicro, rejectedBecause: a.rejectedBecause })),
    };
  }

  @Authorized('read')
  @Query(() => TierRecommendation, { description: 'Which tier would have cost you least over the last 30 days, projected to a month.' })
  async tierRecommendation(@Ctx() ctx: RequestContext): Promise<TierRecommendation> {
    const a = await ctx.services.tierAdvisor.advise(ctx.principal!.accountId);
    return {
      currentTier: a.current.code,
      recommendedTier: a.recommended.code,
      projectedMonthlySpend: a.projectedMonthlySpendMicro,
      options: a.options.map((o) => ({
        tier: o.tier.code,
        monthlyCostUsd: usdText(o.monthlyCostMicroUsd),
        projectedCredits: o.projectedSpendMicro,
        overageCredits: o.overageMicro,
      })),
      requestsThisMonth: a.requestsThisMonth,
      show: a.show,
      reasoning: a.reasoning,
    };
  }

  @Authorized('session', 'manage')
  @Mutation(() => User, { description: 'Step down to another tier. Only "free" for now: upgrades come with billing.' })
  async switchTier(@Arg('tier') tier: string, @Ctx() ctx: RequestContext): Promise<User> {
    await ctx.services.catalog.switchTier(ctx.principal!.accountId, tier);
    return reloadUser(ctx, ctx.principal!.accountId);
  }
}

@Resolver(() => User)
export class UserTierResolver {
  @FieldResolver(() => Tier)
  async tier(@Root() user: User, @Ctx() ctx: RequestContext): Promise<Tier> {
    const tier = await ctx.loaders.tierByCode.load(user.tierCode);
    if (!tier) throw new NotFoundError(`Tier "${user.tierCode}"`);
    return toTier(tier);
  }
}

/** The user after a tier change: read afresh (NOT_FOUND when there is none), and the request's loader forgets the old row. */
export async function reloadUser(ctx: RequestContext, userId: string): Promise<User> {
  ctx.loaders.userById.clear(userId);
  return toUser(await ctx.services.auth.user(userId));
}
