import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../platform/context.js';
import { BadUserInputError, NotFoundError } from '../../platform/errors.js';
import { toUser } from '../auth/auth.mappers.js';
import { User } from '../auth/auth.types.js';
import type { Actor } from './ledger.domain.js';
import { toTransaction, type AdminAccountRow } from './ledger.mappers.js';
import { MAX_PAGE_SIZE } from './ledger.resolver.js';
import { AdminAccount, AdminAccountConnection, AdminCreditInput, AdminRefundInput, CreditTransaction, LedgerAudit } from './ledger.types.js';

const adminActor = (ctx: RequestContext): Actor => ({ type: 'admin', id: ctx.principal!.userId });

@Resolver(() => AdminAccount)
export class LedgerAdminResolver {
  @Authorized('admin')
  @Mutation(() => CreditTransaction)
  async adminGrantCredits(@Arg('input', () => AdminCreditInput) input: AdminCreditInput, @Ctx() ctx: RequestContext): Promise<CreditTransaction> {
    const { entry } = await ctx.services.ledger.grant({
      userId: input.userId,
      source: 'admin',
      amount: input.amount,
      idempotencyKey: input.idempotencyKey,
      actor: adminActor(ctx),
      expiresAt: input.expiresAt ?? null,
      description: requiredReason(input.reason),
    });
    return toTransaction(entry);
  }

  @Authorized('admin')
  @Mutation(() => CreditTransaction)
  async adminDeductCredits(@Arg('input', () => AdminCreditInput) input: AdminCreditInput, @Ctx() ctx: RequestContext): Promise<CreditTransaction> {
    if (input.expiresAt) throw new BadUserInputError('expiresAt applies to grants only', 'expiresAt');
    const { entry } = await ctx.services.ledger.spend({
      userId: input.userId,
      type: 'admin_deduct',
      amount: input.amount,
      idempotencyKey: input.idempotencyKey,
      actor: adminActor(ctx),
      description: requiredReason(input.reason),
    });
    return toTransaction(entry);
  }

  @Authorized('admin')
  @Mutation(() => CreditTransaction, { description: 'Refunds (part of) a spend as a new REFUND grant linked to it.' })
  async adminRefundCredits(@Arg('input', () => AdminRefundInput) input: AdminRefundInput, @Ctx() ctx: RequestContext): Promise<CreditTransaction> {
    const { entry } = await ctx.services.ledger.refund({
      userId: input.userId,
      entryId: input.transactionId,
      amount: input.amount ?? null,
      reason: requiredReason(input.reason),
      idempotencyKey: input.idempotencyKey,
      actor: adminActor(ctx),
    });
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
    const size = first ?? 25;
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) throw new BadUserInputError(`first must be 1 to ${MAX_PAGE_SIZE}`, 'first');
    const page = await ctx.services.ledgerReads.accounts(search?.trim() || null, size, after ?? null);
    return {
      nodes: page.nodes.map((row) => ({ ...row, available: row.balance - row.held, lowBalanceThreshold: row.threshold }) as unknown as AdminAccount),
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

function requiredReason(reason: string): string {
  if (!reason || reason.trim().length === 0) throw new BadUserInputError('A reason is required', 'reason');
  return reason;
}
