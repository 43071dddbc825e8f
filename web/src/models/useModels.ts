import { useQuery } from '@apollo/client/react';
import { graphql } from '../gql';

const ModelsPageQuery = graphql(`
  query ModelsPage {
    models {
      id
      ...ModelRow_Model
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

/** The active models priced for the signed-in user, and their tier (what "allowed" is measured against). */
export function useModels() {
  const { data, error, refetch } = useQuery(ModelsPageQuery, {
    // Prices and what a tier allows change under admins' hands: show the cache, then the server's answer.
    fetchPolicy: 'cache-and-network',
  });
  return { models: data?.models, tier: data?.me.tier, error, refetch };
}
