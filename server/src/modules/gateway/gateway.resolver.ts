import { Arg, Authorized, Ctx, Mutation, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import type { ChatMessage } from '@tollgate/shared';
import type { RequestContext } from '../../platform/context.js';
import { toCreditBalance } from '../ledger/index.js';
import type { CompletionCommand, CompletionResult } from './gateway.domain.js';
import { callerOf } from './caller.js';
import { completionEvents, type EventStream, type StreamEvent } from './gateway.stream.js';
import { Completion, CompletionChunk, CompletionInput } from './gateway.types.js';

function command(input: CompletionInput, ctx: RequestContext): CompletionCommand {
  const principal = ctx.principal!;
  return {
    ...callerOf(principal),
    model: input.model,
    prompt: input.prompt,
    messages: input.messages as ChatMessage[] | null | undefined,
    maxTokens: input.maxTokens,
    temperature: input.temperature,
    idempotencyKey: input.idempotencyKey,
    useCache: input.useCache,
    cacheTtlSeconds: input.cacheTtlSeconds,
    confirm: principal.confirm,
  };
}

const toCompletion = (result: CompletionResult): Completion => ({ ...result, balance: toCreditBalance(result.balance) });

const deltaChunk = (delta: string, model: string, provider: string): CompletionChunk => ({
  id: null,
  delta,
  done: false,
  model,
  provider,
  fallbackFrom: null,
  cached: null,
  byok: null,
  usage: null,
  charged: null,
  balance: null,
});

/**
 * The first event (already taken, so a refused request fails the subscription itself), then the
 * rest. A plain iterator, not a generator: `return()` must reach the stream at once, even while a
 * `next()` is waiting on the provider, so unsubscribing aborts the upstream call immediately.
 */
function withFirst(first: StreamEvent, rest: EventStream): AsyncIterableIterator<StreamEvent> {
  let pending: StreamEvent | null = first;
  const iterator: AsyncIterableIterator<StreamEvent> = {
    next: async () => {
      if (!pending) return rest.next();
      const value = pending;
      pending = null;
      return { value, done: false };
    },
    return: () => rest.return(),
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

@Resolver()
export class GatewayResolver {
  @Authorized('completions')
  @Mutation(() => Completion, { description: 'Runs a completion: held before the provider is called, settled at what it used.' })
  async complete(@Arg('input', () => CompletionInput) input: CompletionInput, @Ctx() ctx: RequestContext): Promise<Completion> {
    return toCompletion(await ctx.services.gateway.complete(command(input, ctx)));
  }

  @Authorized('completions')
  @Subscription(() => CompletionChunk, {
    description:
      'The same completion, streamed: text as the provider writes it, then a last chunk (done: true) with usage, charge and balance. Unsubscribing stops the provider and charges only what was produced.',
    subscribe: async ({ args, context }: SubscribeResolverData<unknown, { input: CompletionInput }, RequestContext>) => {
      const events = completionEvents((opts) => context.services.gateway.complete(command(args.input, context), opts));
      const first = await events.next();
      if (first.done) return withFirst({ kind: 'error', error: new Error('The stream ended before it began') }, events);
      if (first.value.kind === 'error') throw first.value.error;
      return withFirst(first.value, events);
    },
  })
  completionStream(@Root() event: StreamEvent, @Arg('input', () => CompletionInput) _input: CompletionInput): CompletionChunk {
    if (event.kind === 'delta') return deltaChunk(event.text, event.model, event.provider);
    if (event.kind === 'error') throw event.error;
    const r = event.result;
    return {
      id: r.id,
      delta: '',
      done: true,
      model: r.model,
      provider: r.provider,
      fallbackFrom: r.fallbackFrom,
      cached: r.cached,
      byok: r.byok,
      usage: r.usage,
      charged: r.charged,
      balance: toCreditBalance(r.balance),
    };
  }
}
