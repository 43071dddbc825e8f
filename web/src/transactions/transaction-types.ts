import type { TransactionType } from '../gql/graphql';

/** Every type, so a new one in the schema fails the type check until it has a label. */
export const TRANSACTION_TYPE_LABELS: Record<TransactionType, string> = {
  SIGNUP_BONUS: 'Sign-up bonus',
  USAGE: 'Usage',
  ADMIN_GRANT: 'Admin grant',
  ADMIN_DEDUCT: 'Admin deduction',
  REFUND: 'Refund',
  PURCHASE: 'Purchase',
  SUBSCRIPTION: 'Subscription',
  COUPON: 'Coupon',
  ROLLOVER: 'Rollover',
  EXPIRY: 'Expiry',
  CLAWBACK: 'Taken back (refund or dispute)',
  GIFT_SENT: 'Gift sent',
  GIFT_RECEIVED: 'Gift received',
  GIFT_RETURNED: 'Gift returned',
  REFERRAL_BONUS: 'Referral bonus',
};

/** In the order the filter offers them. */
export const TRANSACTION_TYPES = Object.keys(TRANSACTION_TYPE_LABELS) as TransactionType[];

export function isTransactionType(value: string): value is TransactionType {
  return Object.hasOwn(TRANSACTION_TYPE_LABELS, value);
}
