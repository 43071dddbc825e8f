import { useEffect, useRef } from 'react';

/** Calls `fn` every `intervalMs` (0: not at all); a new interval restarts the timer, a new `fn` does not. */
export function usePoll(fn: () => unknown, intervalMs: number): void {
  const latest = useRef(fn);
  latest.current = fn;
  useEffect(() => {
    if (intervalMs <= 0) return;
    const timer = setInterval(() => void latest.current(), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
}
