import { useMutation, useQuery } from '@apollo/client/react';
import { graphql } from '../gql';
import { evictPricing } from '../models/evict-pricing';

const TiersPageQuery = graphql(`
  query TiersPage {
    tiers {
      code
      name
      ...TierComparison_Tier
    }
    creditPackages {
      code
      ...CreditPackageCard_CreditPackage
    }
    me {
      id
      tier {
        code
        name
      }
    }
  }
`);

const SwitchTierMutation = graphql(`
  mutation SwitchTier($tier: String!) {
    switchTier(tier: $tier) {
      id
      tier {
        code
        name
        maxTokensPerRequest
      }
    }
  }
`);

/** The tiers, the credit packages, the user's tier, and the one change a user may make: down to free. */
export function useTiers() {
  const { data, error } = useQuery(TiersPageQuery, { fetchPolicy: 'cache-and-network' });
  const [switchTier, { loading: switching }] = useMutation(SwitchTierMutation, {
    // The answer moves `me.tier` in the cache. What depends on the tier (which models are allowed,
    // their markup, estimates) is dropped, and whichever screen shows it fetches it afresh.
    update: evictPricing,
  });
  const switchToFree = async () => {
    await switchTier({ variables: { tier: 'free' } });
  };
  return { tiers: data?.tiers, packages: data?.creditPackages, current: data?.me.tier, error, switchToFree, switching };
}
