import { useQuery } from '@apollo/client/react';
import { graphql } from '../gql';

const BillingPackagesQuery = graphql(`
  query BillingPackages {
    creditPackages {
      code
      ...CreditPackageCard_CreditPackage
    }
  }
`);

export function usePackages() {
  const { data, error } = useQuery(BillingPackagesQuery, { fetchPolicy: 'cache-and-network' });
  return { packages: data?.creditPackages, error };
}
