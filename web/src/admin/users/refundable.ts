import { formatCredits, parseCredits } from '@tollgate/shared';
import { signedMicro } from '../../credits/money';
import type { TransactionType } from '../../gql/graphql';

/** The spends adminRefundCredits accepts: a charge for usage, or an admin's deduction. */
const REFUNDABLE: readonly TransactionType[] = ['USAGE', 'ADMIN_DEDUCT'];

/** A refund's grant names the spend it gives back: `entry:<transaction id>` (the ledger's reference). */
const REFUND_OF = /^entry:(.+)$/;

/** What has been refunded of each spend, in micro-credits, from the user's grants (all of them). */
export function refundedBySpend(grants: readonly { source: string; reference: string | null; amount: string }[]): Map<string, bigint> {
  const refunded = new Map<string, bigint>();
  for (const grant of grants) {
    const spend = grant.source === 'refund' ? REFUND_OF.exec(grant.reference ?? '')?.[1] : undefined;
    if (spend) refunded.set(spend, (refunded.get(spend) ?? 0n) + parseCredits(grant.amount));
  }
  return refunded;
}

/**
 * What of a transaction can still be refunded, as a `Credits` string; null when it is not a spend
 * (no Refund action). The server checks again under its lock: this only decides what to offer.
 */
export function stillRefundable(transaction: { id: string; type: TransactionType; amount: string }, refunded: ReadonlyMap<string, bigint>): string | null {
  const spent = -signedMicro(transaction.amount);
  if (!REFUNDABLE.includes(transaction.type) || spent <= 0n) return null;
  const left = spent - (refunded.get(transaction.id) ?? 0n);
  return formatCredits(left > 0n ? left : 0n);
}
