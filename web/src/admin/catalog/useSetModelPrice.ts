import { useMutation } from '@apollo/client/react';
import { graphql } from '../../gql';
import type { ModelPriceInput } from '../../gql/graphql';
import { evictPricing } from '../../models/evict-pricing';

const AdminSetModelPriceMutation = graphql(`
  mutation AdminSetModelPrice($input: ModelPriceInput!) {
    adminSetModelPrice(input: $input) {
      id
      effectiveFrom
    }
  }
`);

/** Adds a price version; the catalog and the model's history are fetched again, users' prices dropped from the cache. */
export function useSetModelPrice() {
  const [mutate, { loading }] = useMutation(AdminSetModelPriceMutation, {
    refetchQueries: ['AdminModels', 'ModelPriceHistory'],
    awaitRefetchQueries: true,
    update: evictPricing,
  });
  const setPrice = async (input: ModelPriceInput) => {
    const { data } = await mutate({ variables: { input } });
    if (!data) throw new Error('The server answered without data');
    return data.adminSetModelPrice;
  };
  return { setPrice, pending: loading };
}
