import { useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';

// Named: a price edit refetches it.
const ModelPriceHistoryQuery = graphql(`
  query ModelPriceHistory($modelId: ID!) {
    modelPriceHistory(modelId: $modelId) {
      id
      effectiveFrom
      inputUsdPerMTok
      outputUsdPerMTok
      cachedInputUsdPerMTok
      source
      createdAt
    }
  }
`);

export function usePriceHistory(modelId: string) {
  const { data, error } = useQuery(ModelPriceHistoryQuery, { variables: { modelId }, fetchPolicy: 'cache-and-network' });
  return { versions: data?.modelPriceHistory, error };
}
