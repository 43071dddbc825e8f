import type { Sql } from '../../platform/sql.js';
import { clawback } from '../ledger/index.js';
import type { LedgerService } from '../ledger/index.js';
import type { AfterCommit } from './checkout.fulfilment.js';
import type { DebtStore } from './debt.store.js';
import type { PaidGrant } from './paid-grant-hooks.js';

/**
 * Settles the user's debts from a payment that just granted credit, in its transaction: for each
 * open debt, oldest first, takes min(owed, available) as a clawback keyed by the debt and the paying
 * reference (so a replayed payment settles nothing twice), burning the new payment's grants first.
 */
export function debtSettlement(ledger: Pick<LedgerService, 'applyWithin'>, debts: DebtStore) {
  return async (tx: Sql, grant: PaidGrant, afterCommit: AfterCommit): Promise<void> => {
    const open = await debts.lockOpen(tx, grant.userId);
    for (const debt of open) {
      const owed = debt.credits - debt.settledCredits;
      const key = `debt:${debt.id}:${grant.reference}`;
      const { result, published } = await ledger.applyWithin(tx, grant.userId, (t, account, now) =>
        clawback(
          t,
          account,
          {
            amount: owed,
            idempotencyKey: key,
            reference: `debt:${debt.id}`,
            description: `Debt settled from ${grant.reference} (${debt.cause})`,
            preferReferences: [grant.reference],
          },
          now,
        ),
      );
      afterCommit(published);
      if (result.taken === 0n) break; // nothing available: later debts get nothing either
      if (!result.replayed) await debts.settle(tx, debt.id, result.taken);
    }
  };
}
