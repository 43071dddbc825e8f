import type { Balance } from '../ledger/index.js';
import type { LedgerEvents } from '../ledger/index.js';

export type BalanceListener = (balance: Balance) => void;

/**
 * The ledger's after-commit events, passed on unchanged, with in-process listeners for balance
 * changes (auto-recharge watches the available credit). A listener that throws never reaches the
 * ledger: the change it reports is committed already.
 */
export class BalanceTap implements LedgerEvents {
  private readonly listeners: BalanceListener[] = [];

  constructor(private readonly inner: LedgerEvents) {}

  balanceChanged(balance: Balance): void {
    this.inner.balanceChanged(balance);
    for (const listener of this.listeners) {
      try {
        listener(balance);
      } catch {
        /* a listener's own failure is its to log */
      }
    }
  }

  lowBalance(balance: Balance): void {
    this.inner.lowBalance(balance);
  }

  /** Returns a function that removes the listener again. */
  listen(listener: BalanceListener): () => void {
    this.listeners.push(listener);
    return () => void this.listeners.splice(this.listeners.indexOf(listener) >>> 0, 1);
  }
}
