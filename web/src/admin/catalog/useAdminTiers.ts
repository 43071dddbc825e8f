import { useMutation, useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import type { TierInput } from '../../gql/graphql';
import { evictPricing } from '../../models/evict-pricing';

const AdminTiersQuery = graphql(`
  query AdminTiers {
    tiers {
      code
      ...TierComparison_Tier
    }
    adminModels {
      id
      displayName
    }
  }
`);

const AdminUpdateTierMutation = graphql(`
  mutation AdminUpdateTier($code: String!, $input: TierInput!) {
    adminUpdateTier(code: $code, input: $input) {
      code
      ...TierComparison_Tier
    }
  }
`);

/**
 * The tiers to edit and the catalog's model ids (to check names against). A saved tier replaces
 * the cached one by its code, so the tiers page and `me.tier` show it at once; prices and
 * "allowed" flags that depended on it are dropped from the cache.
 */
export function useAdminTiers() {
  const { data, error } = useQuery(AdminTiersQuery, { fetchPolicy: 'cache-and-network' });
  const [mutate, { loading: saving }] = useMutation(AdminUpdateTierMutation, { update: evictPricing });
  const updateTier = async (code: string, input: TierInput) => {
    const { data: answer } = await mutate({ variables: { code, input } });
    if (!answer) throw new Error('The server answered without data');
  };
  return { tiers: data?.tiers, models: data?.adminModels, error, updateTier, saving };
}
