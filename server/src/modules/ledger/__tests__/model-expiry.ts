/** How the reference model burns grants down and expires them. */
import { append } from './model-rules.js';
import type { ModelAccount, ModelGrant } from './model-types.js';

/** priority, soonest expiry (never last), oldest. */
export function burnOrder(a: ModelGrant, b: ModelGrant): number {
  if (a.priority !== b.priority) return a.priority - b.priority;
  const ea = a.expiresAt ?? Number.POSITIVE_INFINITY;
  const eb = b.expiresAt ?? Number.POSITIVE_INFINITY;
  if (ea !== eb) return ea < eb ? -1 : 1;
  if (a.createdAt !== b.createdAt) return a.createdAt - b.createdAt;
  return a.serial - b.serial;
}

const min = (a: bigint, b: bigint) => (a < b ? a : b);

/**
 * Holds past their deadline are released first; then each grant past its expiry, in burn order, loses what holds leave free.
 * `heldBack` counts the expiries cut short because active holds needed the credit.
 */
export function expireDue(a: ModelAccount, now: number): { grants: number; holds: number; heldBack: number } {
  let holds = 0;
  for (const h of a.holds) {
    if (h.status === 'active' && h.expiresAt <= now) {
      h.status = 'expired';
      a.held -= h.amount;
      holds += 1;
    }
  }
  let grants = 0;
  let heldBack = 0;
  const due = a.grants.filter((g) => g.remaining > 0n && g.expiresAt !== null && g.expiresAt <= now).sort(burnOrder);
  for (const g of due) {
    const take = min(g.remaining, a.balance - a.held);
    if (take < g.remaining) heldBack += 1;
    if (take <= 0n) break;
    g.remaining -= take;
    append(a, 'expiry', -take);
    grants += 1;
  }
  return { grants, holds, heldBack };
}

/** Takes `amount` from the account's grants in burn order. */
export function burn(a: ModelAccount, amount: bigint): void {
  let left = amount;
  for (const g of a.grants.filter((x) => x.remaining > 0n).sort(burnOrder)) {
    if (left === 0n) break;
    const draw = min(g.remaining, left);
    g.remaining -= draw;
    left -= draw;
  }
  if (left !== 0n) throw new Error(`model: grants do not cover a burn of ${amount}`);
}
