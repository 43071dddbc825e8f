import type { Sql } from '../../platform/sql.js';
import type { AfterCommit } from './checkout.fulfilment.js';

/** What a paid grant tells the hooks: whose money arrived, and which Stripe object (or test checkout) paid. */
export interface PaidGrant {
  userId: string;
  /** The paying object, as the ledger references it (`checkout:cs_…`, `invoice:in_…`, `payment_intent:pi_…`). */
  reference: string;
  /** Micro-credits the payment granted. */
  credits: bigint;
}

export type PaidGrantHook = (tx: Sql, grant: PaidGrant, afterCommit: AfterCommit) => Promise<void>;

/**
 * Runs after every grant that a payment bought (a package, a subscription invoice, an auto-recharge),
 * inside the same transaction: settling a debt from the new credit, re-arming auto-recharge. Each
 * money path calls `run` once per payment; a hook keys its own effect by `reference` so a replay is harmless.
 */
export class PaidGrantHooks {
  private readonly hooks: PaidGrantHook[] = [];

  add(hook: PaidGrantHook): void {
    this.hooks.push(hook);
  }

  async run(tx: Sql, grant: PaidGrant, afterCommit: AfterCommit): Promise<void> {
    for (const hook of this.hooks) await hook(tx, grant, afterCommit);
  }
}
