import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../platform/context.js';
import type { UserAvailability } from './catalog.availability.js';
import { Model, ModelAvailabilityInfo } from './catalog.types.js';

/**
 * One read of the caller's tier and key list per request, whatever the number of models listed:
 * keyed by the request's context object, dropped with it.
 */
const views = new WeakMap<object, Promise<UserAvailability>>();

@Resolver(() => Model)
export class ModelAvailabilityResolver {
  @FieldResolver(() => ModelAvailabilityInfo, {
    description: 'Whether this model can run for you now (tier, platform key, your own key, or offline), and if not why.',
  })
  async availability(@Root() model: Model, @Ctx() ctx: RequestContext): Promise<ModelAvailabilityInfo> {
    // Model is only ever listed to a signed-in caller (models, adminModels).
    let view = views.get(ctx);
    if (!view) views.set(ctx, (view = ctx.services.recommender.forUser(ctx.principal!.accountId)));
    const { runnable, via, reason, needsProviderKey } = (await view).of(model, model.allowed);
    return { runnable, via, reason, needsProviderKey };
  }
}
