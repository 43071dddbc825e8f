import { Authorized, Ctx, Field, Float, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../platform/context.js';

@ObjectType({ description: "A provider's health over the last 24 hours, from the usage events." })
export class ProviderStatus {
  @Field({ description: 'openai, anthropic, google, openrouter or sandbox' })
  name!: string;

  @Field({ description: 'A platform key is configured (sandbox always is): what auto and the model pickers go by.' })
  available!: boolean;

  @Field({ description: 'How auto and the model pickers use this provider, in words.' })
  autoUse!: string;

  @Field(() => Int, { description: 'Attempts, fallbacks and cache hits included.' })
  requests!: number;

  @Field(() => Int)
  errors!: number;

  @Field(() => Float, { description: 'errors / requests, 0 with no requests.' })
  errorRate!: number;

  @Field(() => Int, { nullable: true })
  medianLatencyMs!: number | null;

  @Field(() => Date, { nullable: true })
  lastErrorAt!: Date | null;
}

@Resolver()
export class GatewayAdminResolver {
  @Authorized('admin')
  @Query(() => [ProviderStatus], { description: 'Admin: every provider, whether it is configured, and its last day of calls and failures.' })
  async providerStatus(@Ctx() ctx: RequestContext): Promise<ProviderStatus[]> {
    const health = await ctx.services.providerStatus.status(new Date());
    return health.map((h) => ({ ...h, errorRate: h.requests === 0 ? 0 : h.errors / h.requests }));
  }
}
