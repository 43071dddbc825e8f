import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { OpenRouterApiError } from './openrouter.client.js';
import { toKeyStatus, toPriceApplied, toPriceRow } from './openrouter.mappers.js';
import type { OpenRouterAutomation } from './openrouter.module.js';
import { OpenRouterKeyStatus, OpenRouterPriceApplied, OpenRouterPriceRow } from './openrouter.types.js';

/** The module, or PROVIDER_UNAVAILABLE naming the variable that turns it on. */
function automation(ctx: RequestContext): OpenRouterAutomation {
  const found = ctx.services.openrouter;
  if (!found) throw new DomainError('PROVIDER_UNAVAILABLE', 'OpenRouter automation is off: set OPENROUTER_PROVISIONING_KEY to turn it on');
  return found;
}

/** OpenRouter failing or unreachable is the provider's unavailability, told without its details. */
async function calling<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof OpenRouterApiError) throw new DomainError('PROVIDER_UNAVAILABLE', 'OpenRouter did not answer as expected; try again later');
    throw err;
  }
}

@Resolver()
export class OpenRouterResolver {
  @Authorized('admin')
  @Query(() => [OpenRouterKeyStatus], {
    description: "Every user's OpenRouter key: its limit, OpenRouter's reported usage, our recorded cost, the difference.",
  })
  async adminOpenRouterKeys(@Ctx() ctx: RequestContext): Promise<OpenRouterKeyStatus[]> {
    return (await automation(ctx).usage.keys()).map(toKeyStatus);
  }

  @Authorized('admin')
  @Mutation(() => [OpenRouterKeyStatus], { description: "Reads every key's usage from OpenRouter (correcting its limit on the way); then the keys." })
  async adminSyncOpenRouterUsage(@Ctx() ctx: RequestContext): Promise<OpenRouterKeyStatus[]> {
    const or = automation(ctx);
    return (await calling(() => or.usage.syncAll())).map(toKeyStatus);
  }

  @Authorized('admin')
  @Query(() => [OpenRouterPriceRow], { description: "Every OpenRouter model of the catalog: our current price beside OpenRouter's, free models flagged." })
  async adminOpenRouterPriceImport(@Ctx() ctx: RequestContext): Promise<OpenRouterPriceRow[]> {
    const or = automation(ctx);
    return (await calling(() => or.prices.preview())).map(toPriceRow);
  }

  @Authorized('admin')
  @Mutation(() => [OpenRouterPriceApplied], { description: "Writes OpenRouter's current prices of the reviewed models as new price versions, effective now." })
  async applyOpenRouterPriceImport(@Arg('modelIds', () => [ID]) modelIds: string[], @Ctx() ctx: RequestContext): Promise<OpenRouterPriceApplied[]> {
    const or = automation(ctx);
    return (await calling(() => or.prices.apply(ctx.principal!.userId, modelIds))).map(toPriceApplied);
  }
}
