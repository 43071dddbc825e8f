import { useMutation, useQuery } from '@apollo/client/react';
import { graphql } from '../gql';

const ProviderKeysQuery = graphql(`
  query ProviderKeys {
    providerKeys {
      id
      provider
      ...ProviderKeyRow_ProviderKey
    }
    me {
      id
      tier {
        code
        name
        byokAllowed
      }
    }
    tiers {
      code
      name
      byokAllowed
    }
  }
`);

const SetProviderKeyMutation = graphql(`
  mutation SetProviderKey($input: SetProviderKeyInput!) {
    setProviderKey(input: $input) {
      id
      provider
      last4
    }
  }
`);

const DeleteProviderKeyMutation = graphql(`
  mutation DeleteProviderKey($id: ID!) {
    deleteProviderKey(id: $id) {
      id
    }
  }
`);

/** The BYOK screen's data: the stored keys (by their last four), the tier's say, setting and deleting keys. */
export function useProviderKeys() {
  const list = useQuery(ProviderKeysQuery);
  const [setMutation, setState] = useMutation(SetProviderKeyMutation, {
    // Apollo keeps a mutation's result under its arguments, and these arguments hold the key:
    // nothing of this call may enter the cache. The list is fetched again instead (a replaced key
    // may come back as a new row).
    fetchPolicy: 'no-cache',
    refetchQueries: [ProviderKeysQuery],
    awaitRefetchQueries: true,
  });
  const [deleteMutation, deleteState] = useMutation(DeleteProviderKeyMutation, {
    update: (cache, { data }) => {
      if (!data) return;
      cache.evict({ id: cache.identify({ __typename: 'ProviderKey', id: data.deleteProviderKey.id }) });
      cache.gc();
    },
  });

  const setKey = async (input: { provider: string; apiKey: string }): Promise<{ provider: string; last4: string }> => {
    const { data } = await setMutation({ variables: { input } });
    if (!data) throw new Error('setProviderKey returned no data');
    setState.reset();
    return data.setProviderKey;
  };

  const deleteKey = async (id: string): Promise<void> => {
    await deleteMutation({ variables: { id } });
  };

  return {
    keys: list.data?.providerKeys,
    tier: list.data?.me.tier,
    tiers: list.data?.tiers,
    /** Reads the tier again (a refusal may mean it changed since the page loaded). */
    refetch: () => list.refetch(),
    loading: list.loading,
    error: list.error,
    setKey,
    saving: setState.loading,
    deleteKey,
    deleting: deleteState.loading,
  };
}
