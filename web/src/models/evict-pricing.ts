import type { ApolloCache } from '@apollo/client';

/**
 * Drops every cached answer that depends on the caller's prices or tier: the models list (prices,
 * markup, "allowed"), estimates and auto's picks. Whichever screen shows one fetches it afresh.
 * Called after a price edit, a model (de)activation, a tier edit and a switch of tier.
 */
export function evictPricing(cache: ApolloCache): void {
  for (const fieldName of ['models', 'estimateCost', 'recommendModel']) cache.evict({ id: 'ROOT_QUERY', fieldName });
  cache.gc();
}
