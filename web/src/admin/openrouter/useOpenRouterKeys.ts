import { useMutation, useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';

const OpenRouterKeysQuery = graphql(`
  query AdminOpenRouterKeys {
    adminOpenRouterKeys {
      ...OpenRouterKeysTable_OpenRouterKeyStatus
    }
  }
`);

const SyncUsageMutation = graphql(`
  mutation AdminSyncOpenRouterUsage {
    adminSyncOpenRouterUsage {
      ...OpenRouterKeysTable_OpenRouterKeyStatus
    }
  }
`);

/** Every user's OpenRouter key beside our recorded cost, and the action that reads OpenRouter's usage afresh. */
export function useOpenRouterKeys() {
  const { data, error, loading } = useQuery(OpenRouterKeysQuery, { fetchPolicy: 'cache-and-network' });
  const [sync, syncing] = useMutation(SyncUsageMutation, { refetchQueries: [OpenRouterKeysQuery] });
  return {
    keys: data?.adminOpenRouterKeys,
    error: error ?? syncing.error,
    loading,
    syncing: syncing.loading,
    sync: () => void sync().catch(() => undefined),
  };
}
