import type { Sql } from '../../platform/sql.js';
import { SYSTEM } from '../ledger/index.js';
import type { LedgerService } from '../ledger/index.js';
import type { AfterCommit } from './checkout.fulfilment.js';

export interface PackageGrants {
  userId: string;
  credits: bigint;
  bonusCredits: bigint;
  /** The paying object as the ledger references it (`checkout:cs_…`, `payment_intent:pi_…`): the grants' keys are `<reference>:credits` and `:bonus`. */
  reference: string;
  /** What the history says: "Credit package popular-pack"; the bonus adds ": bonus". */
  description: string;
}

/**
 * A paid package's credits and its bonus, as two PURCHASE grants in the caller's transaction, keyed
 * by the object that paid, so any path that pays for it (checkout, auto-recharge) grants it once.
 * Returns what was granted; the balance events run after the caller's commit.
 */
export async function grantPackage(ledger: Pick<LedgerService, 'grantWithin'>, tx: Sql, p: PackageGrants, afterCommit: AfterCommit): Promise<bigint> {
  let granted = 0n;
  for (const grant of [
    { amount: p.credits, key: `${p.reference}:credits`, description: p.description },
    { amount: p.bonusCredits, key: `${p.reference}:bonus`, description: `${p.description}: bonus` },
  ]) {
    if (grant.amount <= 0n) continue;
    const { published } = await ledger.grantWithin(tx, {
      userId: p.userId,
      source: 'purchase',
      amount: grant.amount,
      idempotencyKey: grant.key,
      actor: SYSTEM,
      reference: p.reference,
      description: grant.description,
    });
    afterCommit(published);
    granted += grant.amount;
  }
  return granted;
}
