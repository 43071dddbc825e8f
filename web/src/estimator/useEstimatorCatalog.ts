import { useQuery } from '@apollo/client/react';
import { graphql } from '../gql';

const EstimatorCatalogQuery = graphql(`
  query EstimatorCatalog {
    models {
      id
      displayName
      provider
      providerModel
      priceClass
      inputUsdPerMTok
      outputUsdPerMTok
      markupBps
      maxOutputTokens
      contextWindow
      allowed
      kind
      availability {
        runnable
        reason
        needsProviderKey
      }
    }
    creditUsd
    me {
      id
      tier {
        code
        name
        maxTokensPerRequest
      }
    }
  }
`);

/**
 * Everything the browser needs to price a prompt: the models with the caller's markup and whether each
 * can run for them now (the pickers offer those first), CREDIT_USD, the tier's cap.
 */
export function useEstimatorCatalog() {
  const { data, error } = useQuery(EstimatorCatalogQuery, { fetchPolicy: 'cache-and-network' });
  return { models: data?.models, creditUsd: data?.creditUsd, tier: data?.me.tier, error };
}
