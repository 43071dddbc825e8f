import { useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';

const GatewayStatusQuery = graphql(`
  query GatewayStatus {
    adminCacheStats {
      requests
      hits
      hitRate
      creditsSaved
    }
    providerStatus {
      name
      available
      autoUse
      requests
      errors
      errorRate
      medianLatencyMs
      lastErrorAt
    }
  }
`);

/** The admin's gateway view: the cache across every account and each provider's last 24 hours. */
export function useGatewayStatus() {
  // Figures of the last day move with every call: fetched afresh on each visit.
  const { data, error, loading, refetch } = useQuery(GatewayStatusQuery, { fetchPolicy: 'cache-and-network' });
  return { cache: data?.adminCacheStats, providers: data?.providerStatus, error, loading, refresh: () => void refetch() };
}
