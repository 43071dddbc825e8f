import { useQuery } from '@apollo/client/react';
import { graphql } from '../gql';
import { isFreeTier } from '../tiers/tier-rows';

const BillingTiersQuery = graphql(`
  query BillingTiers {
    tiers {
      code
      name
      monthlyPriceUsd
    }
  }
`);

/** The tiers a subscription can be for (the paid ones), cheapest first, and all of them for ordering. */
export function useTierChoices() {
  const { data } = useQuery(BillingTiersQuery);
  const all = data?.tiers ?? [];
  return { all, paid: all.filter((tier) => !isFreeTier(tier)) };
}
