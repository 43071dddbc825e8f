import type { TransactionType } from '../../gql/graphql';

/** The spends adminRefundCredits accepts: a charge for usage, or an admin's deduction. */
const REFUNDABLE: readonly TransactionType[] = ['USAGE', 'ADMIN_DEDUCT'];

/**
 * Whether a row gets a Refund action. A spend already refunded in full still shows it: what is
 * left to refund is the server's to know, and it answers BAD_USER_INPUT, shown in the dialog.
 */
export function isRefundable(transaction: { type: TransactionType; amount: string }): boolean {
  return REFUNDABLE.includes(transaction.type) && transaction.amount.trim().startsWith('-');
}
