import { useQuery } from '@apollo/client/react';
import { graphql } from '../gql';

const KeyModelsQuery = graphql(`
  query KeyModels {
    models {
      id
      allowed
    }
  }
`);

/**
 * The models a key may be limited to: those the acting account's tier allows (a personal key the
 * person's, a team key the team's). The server checks an allow-list against the same catalog.
 */
export function useAllowedModels(): readonly string[] | undefined {
  const { data } = useQuery(KeyModelsQuery, { fetchPolicy: 'cache-and-network' });
  return data?.models.filter((model) => model.allowed).map((model) => model.id);
}
