import { useMutation, useQuery } from '@apollo/client/react';
import { graphql } from '../gql';
import type { CreateApiKeyInput, SetApiKeyLimitsInput } from '../gql/graphql';

const ApiKeysQuery = graphql(`
  query ApiKeys {
    apiKeys(includeRevoked: true) {
      id
      ...ApiKeyRow_ApiKey
    }
  }
`);

const CreateApiKeyMutation = graphql(`
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      secret
      apiKey {
        id
        name
      }
    }
  }
`);

// The key comes back with its new limits and this period's spend, and replaces its cached row by id.
const SetApiKeyLimitsMutation = graphql(`
  mutation SetApiKeyLimits($input: SetApiKeyLimitsInput!) {
    setApiKeyLimits(input: $input) {
      id
      ...ApiKeyRow_ApiKey
    }
  }
`);

const RevokeApiKeyMutation = graphql(`
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) {
      id
      ...ApiKeyRow_ApiKey
    }
  }
`);

export type CreateKeyInput = CreateApiKeyInput;
export type KeyLimitsUpdate = SetApiKeyLimitsInput;

export interface CreatedKey {
  name: string;
  secret: string;
}

/** The API keys screen's data: the list, and creating and revoking keys. */
export function useApiKeys() {
  // Each call with the key moves its cap's spend: always ask the server when the screen opens.
  const list = useQuery(ApiKeysQuery, { fetchPolicy: 'cache-and-network' });
  const [createMutation, createState] = useMutation(CreateApiKeyMutation, {
    // The secret must live nowhere but the panel that shows it: not in Apollo's cache (where a
    // normal mutation result would stay for the whole session), so the list is refetched instead.
    fetchPolicy: 'no-cache',
    refetchQueries: [ApiKeysQuery],
    awaitRefetchQueries: true,
  });
  // The revoked key comes back with `revokedAt` set and replaces its cached row by id.
  const [revokeMutation, revokeState] = useMutation(RevokeApiKeyMutation);
  const [limitsMutation, limitsState] = useMutation(SetApiKeyLimitsMutation);

  const create = async (input: CreateKeyInput): Promise<CreatedKey> => {
    const { data } = await createMutation({ variables: { input } });
    if (!data) throw new Error('createApiKey returned no data');
    const created = { name: data.createApiKey.apiKey.name, secret: data.createApiKey.secret };
    // Also drop the copy the hook keeps as its last result.
    createState.reset();
    return created;
  };

  const revoke = async (id: string): Promise<void> => {
    await revokeMutation({ variables: { id } });
  };

  const setLimits = async (input: KeyLimitsUpdate): Promise<void> => {
    await limitsMutation({ variables: { input } });
  };

  return {
    keys: list.data?.apiKeys,
    loading: list.loading,
    error: list.error,
    create,
    creating: createState.loading,
    revoke,
    revoking: revokeState.loading,
    setLimits,
    settingLimits: limitsState.loading,
    refetch: list.refetch,
  };
}
