import { useQuery } from '@apollo/client/react';
import { graphql } from '../gql';

const ReferralQuery = graphql(`
  query Referral {
    referral {
      code
      link
      referredCount
      rewardedCount
      earnedCredits
    }
  }
`);

/** The user's referral code and link, and what it has earned so far. */
export function useReferral() {
  const { data, error } = useQuery(ReferralQuery);
  return { referral: data?.referral, error };
}
