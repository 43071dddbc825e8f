import type { GrantSource } from '../gql/graphql';

/** Every source, so a new one in the schema fails the type check until it has a label. */
export const GRANT_SOURCE_LABELS: Record<GrantSource, string> = {
  SIGNUP: 'Sign-up bonus',
  ADMIN: 'Granted by an administrator',
  COUPON: 'Coupon',
  PURCHASE: 'Purchase',
  REFUND: 'Refund',
  ROLLOVER: 'Rollover',
  SUBSCRIPTION: 'Subscription',
  GIFT: 'Gift',
  REFERRAL: 'Referral bonus',
};
