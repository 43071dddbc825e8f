import type { Sql } from '../../platform/sql.js';
import { clawback } from '../ledger/index.js';
import type { LedgerService } from '../ledger/index.js';
import type { PaymentRecord } from './billing.store.js';
import type { AfterCommit } from './checkout.fulfilment.js';
import type { DebtStore } from './debt.store.js';
import { addClawedBack } from './refund.store.js';

/** The ledger references of the grants a payment created (checkout, invoice or payment intent). */
export function grantReferencesOf(p: PaymentRecord): string[] {
  return [
    p.checkoutSessionId && `checkout:${p.checkoutSessionId}`,
    p.stripeInvoiceId && `invoice:${p.stripeInvoiceId}`,
    p.stripePaymentIntentId && `payment_intent:${p.stripePaymentIntentId}`,
  ].filter((r): r is string => Boolean(r));
}

/**
 * Credits a refund of `refundedCents` out of `chargedCents` takes back: creditsGranted pro rata,
 * rounded DOWN (integer division), so a partial refund never takes back more than it paid for; a
 * full refund takes back exactly creditsGranted.
 */
export function proRata(creditsGranted: bigint, refundedCents: number, chargedCents: number): bigint {
  if (chargedCents <= 0 || refundedCents <= 0) return 0n;
  if (refundedCents >= chargedCents) return creditsGranted;
  return (creditsGranted * BigInt(refundedCents)) / BigInt(chargedCents);
}

export interface ClaimOutcome {
  claimed: bigint;
  taken: bigint;
  debt: bigint;
}

/**
 * Takes credits back from a (locked) payment's user up to a cumulative `target`. The payment keeps
 * what has been claimed so far (`credits_clawed_back`), so each cause claims only the difference:
 * a second partial refund takes the increment, a dispute after a refund takes the rest, a late or
 * repeated event takes nothing, and the total never exceeds creditsGranted. What the available
 * balance cannot cover becomes debt, keyed by the same cause.
 */
export class PaymentClawbacks {
  constructor(
    private readonly ledger: Pick<LedgerService, 'applyWithin'>,
    private readonly debts: DebtStore,
  ) {}

  async claim(tx: Sql, payment: PaymentRecord, target: bigint, cause: { key: string; description: string }, afterCommit: AfterCommit): Promise<ClaimOutcome> {
    const capped = target < payment.creditsGranted ? target : payment.creditsGranted;
    const claim = capped - payment.creditsClawedBack;
    if (claim <= 0n) return { claimed: 0n, taken: 0n, debt: 0n };
    const { result, published } = await this.ledger.applyWithin(tx, payment.userId, (t, account, now) =>
      clawback(
        t,
        account,
        { amount: claim, idempotencyKey: cause.key, reference: cause.key, description: cause.description, preferReferences: grantReferencesOf(payment) },
        now,
      ),
    );
    afterCommit(published);
    const debt = claim - result.taken;
    if (debt > 0n) await this.debts.record(tx, { userId: payment.userId, paymentId: payment.id, cause: cause.key, credits: debt });
    await addClawedBack(tx, payment.id, claim);
    return { claimed: claim, taken: result.taken, debt };
  }
}
