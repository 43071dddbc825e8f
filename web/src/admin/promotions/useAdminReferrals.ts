import { useQuery } from '@apollo/client/react';
import type { ResultOf } from '@graphql-typed-document-node/core';
import { graphql } from '../../gql';

const AdminReferralsQuery = graphql(`
  query AdminReferrals {
    adminReferrals {
      referrerEmail
      referredEmail
      status
      refusedReason
      flagged
      flagReasons
      bonusCredits
      createdAt
      rewardedAt
    }
  }
`);

export type AdminReferral = ResultOf<typeof AdminReferralsQuery>['adminReferrals'][number];

/** Every referral, newest first (the server caps the list), with its flags and bonuses. */
export function useAdminReferrals() {
  const { data, error } = useQuery(AdminReferralsQuery, { fetchPolicy: 'cache-and-network' });
  return { referrals: data?.adminReferrals, error };
}
