import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { filtersFromParams, filtersToParams, type TransactionFilters } from './filters';

/** The filters live in the URL: reload, Back and a shared link all show the same view. */
export function useTransactionFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  // flushSync: a controlled checkbox must show its new state at once, not after a transition.
  const setFilters = (next: TransactionFilters) => setParams(filtersToParams(next), { replace: true, flushSync: true });
  return { filters, setFilters };
}
