import { useMutation, useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import { evictPricing } from '../../models/evict-pricing';

// Named: a price edit refetches it.
const AdminModelsQuery = graphql(`
  query AdminModels {
    adminModels {
      id
      ...AdminModelRow_Model
    }
  }
`);

const AdminSetModelActiveMutation = graphql(`
  mutation AdminSetModelActive($modelId: ID!, $active: Boolean!) {
    adminSetModelActive(modelId: $modelId, active: $active)
  }
`);

/** Every model, inactive ones too, and the switch that takes one off (or puts it back on) the catalog. */
export function useAdminModels() {
  const { data, error } = useQuery(AdminModelsQuery, { fetchPolicy: 'cache-and-network' });
  const [mutate, { loading: toggling }] = useMutation(AdminSetModelActiveMutation);
  const setActive = async (modelId: string, active: boolean) => {
    await mutate({
      variables: { modelId, active },
      // The answer is a bare Boolean: write the flag onto the cached model ourselves.
      update(cache, { data: answer }) {
        if (answer?.adminSetModelActive === undefined) return;
        cache.modify({ id: cache.identify({ __typename: 'Model', id: modelId }), fields: { active: () => active } });
        evictPricing(cache);
      },
    });
  };
  return { models: data?.adminModels, error, setActive, toggling };
}
