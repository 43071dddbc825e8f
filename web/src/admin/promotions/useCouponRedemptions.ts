import { skipToken, useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';

const CouponRedemptionsQuery = graphql(`
  query AdminCouponRedemptions($code: String!) {
    adminCouponRedemptions(code: $code) {
      id
      userEmail
      credits
      status
      targetCode
      discountUsd
      createdAt
      closedAt
    }
  }
`);

/** Who redeemed `code`, when, and what it gave them; nothing asked until a coupon is chosen. */
export function useCouponRedemptions(code: string | null) {
  const { data, error, loading } = useQuery(CouponRedemptionsQuery, code ? { variables: { code }, fetchPolicy: 'network-only' } : skipToken);
  return { redemptions: code ? data?.adminCouponRedemptions : undefined, error, loading };
}
