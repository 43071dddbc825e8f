import { useMutation, useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';

const PriceImportQuery = graphql(`
  query AdminOpenRouterPriceImport {
    adminOpenRouterPriceImport {
      ...PriceImportTable_OpenRouterPriceRow
    }
  }
`);

const ApplyMutation = graphql(`
  mutation ApplyOpenRouterPriceImport($modelIds: [ID!]!) {
    applyOpenRouterPriceImport(modelIds: $modelIds) {
      modelId
      effectiveFrom
    }
  }
`);

/** OpenRouter's prices beside the catalog's, and the apply that writes the reviewed ones as new price versions. */
export function usePriceImport() {
  // OpenRouter's list moves on its own: read afresh on each visit, never from the cache alone.
  const { data, error, loading, refetch } = useQuery(PriceImportQuery, { fetchPolicy: 'network-only' });
  const [apply, applied] = useMutation(ApplyMutation);
  return {
    rows: data?.adminOpenRouterPriceImport,
    error,
    loading,
    applying: applied.loading,
    applyError: applied.error,
    appliedCount: applied.data?.applyOpenRouterPriceImport.length ?? null,
    apply: async (modelIds: string[]) => {
      await apply({ variables: { modelIds } }).catch(() => undefined);
      await refetch().catch(() => undefined);
    },
  };
}
