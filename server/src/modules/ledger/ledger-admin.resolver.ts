import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../platform/context.js';
import { NotFoundError } from '../../platform/errors.js';
import { toUser } from '../auth/index.js';
import { UserType as User } from '../auth/index.js';
import type { Actor } from './ledger.domain.js';
import { toTransaction, type AdminAccountRow } from './ledger.mappers.js';
import { accountsPage, adminDeduct, adminGrant, adminRefund } from './ledger.args.js';
import { AdminAccount, AdminAccountConnection, AdminCreditInput, AdminRefundInput, CreditTransaction, LedgerAudit } from './ledger.types.js';

const adminActor = (ctx: RequestContext): Actor => ({ type: 'admin', id: ctx.principal!.userId });

@Resolver(() => AdminAccount)
export class LedgerAdminResolver {
  @Authorized('admin')
  @Mutation(() => CreditTransaction)
  async adminGrantCredits(@Arg('input', () => AdminCreditInput) input: AdminCreditInput, @Ctx() ctx: RequestContext): Promise<CreditTransaction> {
    const { entry } = await ctx.services.ledger.grant(adminGrant(input, adminActor(ctx)));
    return toTransaction(entry);
  }

  @Authorized('admin')
  @Mutation(() => CreditTransaction)
  async adminDeductCredits(@Arg('input', () => AdminCreditInput) input: AdminCreditInput, @Ctx() ctx: RequestContext): Promise<CreditTransaction> {
    const { entry } = await ctx.services.ledger.spend(adminDeduct(input, adminActor(ctx)));
    return toTransaction(entry);
  }

  @Authorized('admin')
  @Mutation(() => CreditTransaction, { description: 'Refunds (part of) a spend as a new REFUND grant linked to it.' })
  async adminRefundCredits(@Arg('input', () => AdminRefundInput) input: AdminRefundInput, @Ctx() ctx: RequestContext): Promise<CreditTransaction> {
    const { entry } = await ctx.services.ledger.refund(adminRefund(input, adminActor(ctx)));
    return toTransaction(entry);
  }

  @Authorized('admin')
  @Query(() => AdminAccountConnection, { description: 'Accounts by email, with balances.' })
  async adminAccounts(
    @Ctx() ctx: RequestContext,
    @Arg('search', () => String, { nullable: true }) search?: string | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<AdminAccountConnection> {
    const q = accountsPage(search, first);
    const page = await ctx.services.ledgerReads.accounts(q.search, q.first, after ?? null);
    return {
      nodes: page.nodes.map(
        (row) => ({ ...row, displayName: row.email, available: row.balance - row.held, lowBalanceThreshold: row.threshold }) as unknown as AdminAccount,
      ),
      pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage },
      totalCount: page.totalCount,
    };
  }

  /** Batched per request: a page of accounts costs one user query, not one per row. */
  @FieldResolver(() => User)
  async user(@Root() account: AdminAccountRow, @Ctx() ctx: RequestContext): Promise<User> {
    const user = await ctx.loaders.userById.load(account.userId);
    if (!user) throw new NotFoundError('User');
    return toUser(user);
  }

  @Authorized('admin')
  @Query(() => LedgerAudit, { description: 'Checks every ledger invariant on every account; lists violations (empty when clean).' })
  async ledgerAudit(@Ctx() ctx: RequestContext): Promise<LedgerAudit> {
    return ctx.services.ledgerAudit();
  }
}
