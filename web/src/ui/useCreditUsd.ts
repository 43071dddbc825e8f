import { useQuery } from '@apollo/client/react';
import { graphql } from '../gql';

/** What one credit is worth in USD (CREDIT_USD), as the API's exact decimal string ("0.010000"). */
export const CreditUsdQuery = graphql(`
  query CreditUsd {
    creditUsd
  }
`);

/**
 * The rate, asked once per session: it only changes with a server restart, so every figure that
 * shows dollars beside credits reads the one cached answer (undefined until it arrives).
 */
export function useCreditUsd(): string | undefined {
  const { data } = useQuery(CreditUsdQuery, { fetchPolicy: 'cache-first' });
  return data?.creditUsd;
}
