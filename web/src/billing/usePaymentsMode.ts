import { useQuery } from '@apollo/client/react';
import { graphql } from '../gql';
import type { PaymentsMode } from '../gql/graphql';

const PaymentsModeQuery = graphql(`
  query PaymentsMode {
    paymentsMode
  }
`);

/** How this server takes payments (STRIPE, TEST or OFF); undefined while loading or when the query failed. */
export function usePaymentsMode(): PaymentsMode | undefined {
  const { data } = useQuery(PaymentsModeQuery, { fetchPolicy: 'cache-first' });
  return data?.paymentsMode;
}
