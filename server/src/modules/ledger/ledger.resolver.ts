import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import type { RequestContext } from '../../platform/context.js';
import { selfOrAdmin, type Requirement } from '../auth/index.js';
import { CreditsScalar } from '../../platform/scalars.js';
import type { EntryType } from './ledger.domain.js';
import { historyFilter, visibleMember } from './ledger.args.js';
import { balanceTopic } from './ledger.events.js';
import { fromPayload, toConnection, toCreditBalance, toCreditGrant, type BalancePayload } from './ledger.mappers.js';
import { CreditBalance, CreditGrant, CreditTransactionConnection, TransactionType } from './ledger.types.js';

@Resolver()
export class LedgerResolver {
  @Authorized('read')
  @Query(() => CreditBalance)
  async creditBalance(@Ctx() ctx: RequestContext): Promise<CreditBalance> {
    return toCreditBalance(await ctx.services.ledger.balance(ctx.principal!.accountId));
  }

  @Authorized('read')
  @Query(() => CreditTransactionConnection, { description: 'Newest first.' })
  async creditTransactions(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
    @Arg('types', () => [TransactionType], { nullable: true }) types?: EntryType[] | null,
    @Arg('from', () => Date, { nullable: true }) from?: Date | null,
    @Arg('to', () => Date, { nullable: true }) to?: Date | null,
    @Arg('memberId', () => ID, {
      nullable: true,
      description: "Only this member's entries (a team's history). A team's plain member always sees only their own.",
    })
    memberId?: string | null,
    @Arg('apiKeyId', () => ID, { nullable: true, description: 'Only the entries of calls made with this API key.' }) apiKeyId?: string | null,
  ): Promise<CreditTransactionConnection> {
    const p = ctx.principal!;
    const filter = historyFilter({ first, after, types, from, to, memberId: visibleMember(p, memberId), apiKeyId });
    const page = await ctx.services.ledgerReads.history(p.accountId, filter);
    return toConnection(page);
  }

  @Authorized('read')
  @Query(() => [CreditGrant], { description: 'Buckets with credit left, in the order they will be spent.' })
  async creditGrants(@Ctx() ctx: RequestContext): Promise<CreditGrant[]> {
    return (await ctx.services.ledgerReads.grants(ctx.principal!.accountId)).map(toCreditGrant);
  }

  @Authorized('session', 'manage')
  @Mutation(() => CreditBalance, { description: 'Below this balance the user is alerted once, until it rises above again.' })
  async setLowBalanceThreshold(@Arg('threshold', () => CreditsScalar) threshold: bigint, @Ctx() ctx: RequestContext): Promise<CreditBalance> {
    return toCreditBalance(await ctx.services.ledger.setLowBalanceThreshold(ctx.principal!.accountId, threshold));
  }

  @Authorized<Requirement>('read', selfOrAdmin('userId', 'Only an admin may watch another account'))
  @Subscription(() => CreditBalance, {
    description: "Fires after every committed change to the caller's balance; an admin may pass userId to watch any account.",
    topics: ({ args, context }: SubscribeResolverData<unknown, { userId?: string | null }, RequestContext>) =>
      balanceTopic(args.userId ?? context.principal!.accountId),
  })
  balanceChanged(@Root() payload: BalancePayload, @Arg('userId', () => ID, { nullable: true }) _userId?: string | null): CreditBalance {
    return fromPayload(payload);
  }
}
