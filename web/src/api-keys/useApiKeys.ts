import { useMutation, useQuery } from '@apollo/client/react';
import { graphql } from '../gql';

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

const RevokeApiKeyMutation = graphql(`
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) {
      id
      ...ApiKeyRow_ApiKey
    }
  }
`);

export interface CreatedKey {
  name: string;
  secret: string;
}

/** The API keys screen's data: the list, and creating and revoking keys. */
export function useApiKeys() {
  const list = useQuery(ApiKeysQuery);
  const [createMutation, createState] = useMutation(CreateApiKeyMutation, {
    // The secret must live nowhere but the panel that shows it: not in Apollo's cache (where a
    // normal mutation result would stay for the whole session), so the list is refetched instead.
    fetchPolicy: 'no-cache',
    refetchQueries: [ApiKeysQuery],
    awaitRefetchQueries: true,
  });
  // The revoked key comes back with `revokedAt` set and replaces its cached row by id.
  const [revokeMutation, revokeState] = useMutation(RevokeApiKeyMutation);

  const create = async (input: { name: string; scopes: string[] }): Promise<CreatedKey> => {
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

  return {
    keys: list.data?.apiKeys,
    loading: list.loading,
    error: list.error,
    create,
    creating: createState.loading,
    revoke,
    revoking: revokeState.loading,
  };
}
