import { useEffect, useState } from 'react';
import type { CountMessageTokens } from './client-estimate';

let loading: Promise<CountMessageTokens> | null = null;

/** The shared token counter, fetched once per page load as its own chunk (see vite.config.ts). */
export function loadTokenCounter(): Promise<CountMessageTokens> {
  loading ??= import('./token-count').then(
    (module) => module.countMessageTokens,
    (error: unknown) => {
      loading = null; // a failed chunk load (offline, a deploy in between) may be retried
      throw error;
    },
  );
  return loading;
}

/**
 * `count` once the counter has loaded; `failed` if it could not be. Nothing is fetched until
 * `wanted` (the first keystroke), so a page that merely shows the estimator stays light.
 */
export function useTokenCounter(wanted: boolean) {
  const [count, setCount] = useState<CountMessageTokens | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    loadTokenCounter().then(
      (loaded) => live && setCount(() => loaded),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [wanted]);
  return { count, failed };
}
