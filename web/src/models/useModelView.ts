import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { modelViewFromParams, modelViewToParams, type ModelView } from './model-sort';

/** Sort and filter in the URL, as the transactions filters are. */
export function useModelView() {
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => modelViewFromParams(params), [params]);
  const setView = (next: ModelView) => setParams(modelViewToParams(next), { replace: true, flushSync: true });
  return { view, setView };
}
