import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { ChatMessage } from '@tollgate/shared';
import type { RequestContext } from '../../platform/context.js';
import { toCreditBalance } from '../ledger/ledger.mappers.js';
import { Completion, CompletionInput } from './gateway.types.js';

@Resolver()
export class GatewayResolver {
  @Authorized('completions')
  @Mutation(() => Completion, { description: 'Runs a completion: held before the provider is called, settled at what it used.' })
  async complete(@Arg('input', () => CompletionInput) input: CompletionInput, @Ctx() ctx: RequestContext): Promise<Completion> {
    const principal = ctx.principal!;
    const result = await ctx.services.gateway.complete({
      userId: principal.userId,
      apiKeyId: principal.apiKeyId ?? null,
      model: input.model,
      prompt: input.prompt,
      messages: input.messages as ChatMessage[] | null | undefined,
      maxTokens: input.maxTokens,
      temperature: input.temperature,
      idempotencyKey: input.idempotencyKey,
      useCache: input.useCache,
      cacheTtlSeconds: input.cacheTtlSeconds,
    });
    return { ...result, balance: toCreditBalance(result.balance) };
  }
}
