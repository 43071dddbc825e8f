import DataLoader from 'dataloader';
import { Arg, Authorized, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../platform/context.js';
import { CreditsScalar } from '../../platform/scalars.js';
import { AdminAccount } from '../ledger/index.js';
import { AdminDebt } from './debt.types.js';

/** One outstanding-debt query per request for a page of accounts, not one per row. */
const debtLoaders = new WeakMap<RequestContext, DataLoader<string, bigint>>();
function debtLoader(ctx: RequestContext): DataLoader<string, bigint> {
  let loader = debtLoaders.get(ctx);
  if (!loader) {
    const debts = ctx.services.billing.refunds.debts;
    loader = new DataLoader<string, bigint>(async (ids) => {
      const owed = await debts.outstanding(ids);
      return ids.map((id) => owed.get(id) ?? 0n);
    });
    debtLoaders.set(ctx, loader);
  }
  return loader;
}

/** Debts for admins: the list, and what each account still owes on the accounts page. */
@Resolver(() => AdminAccount)
export class RefundsResolver {
  @Authorized('admin')
  @Query(() => [AdminDebt], { description: 'Debts from refunds and disputes of spent credits, newest first (open ones only unless open is false).' })
  async adminDebts(
    @Ctx() ctx: RequestContext,
    @Arg('open', () => Boolean, { nullable: true }) open?: boolean | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
  ): Promise<AdminDebt[]> {
    const rows = await ctx.services.billing.refunds.debts.list(open ?? true, first);
    return rows.map((d) => ({ ...d, outstandingCredits: d.credits - d.settledCredits }));
  }

  @FieldResolver(() => CreditsScalar, { description: 'Credits owed from refunds or disputes of spent credits (0 when none).' })
  async debt(@Root() account: { userId: string }, @Ctx() ctx: RequestContext): Promise<bigint> {
    return debtLoader(ctx).load(account.userId);
  }
}
