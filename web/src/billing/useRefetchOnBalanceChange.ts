import { useEffect, useRef } from 'react';
import { useCreditBalance } from '../credits/useCreditBalance';

/**
 * Calls `refetch` whenever the balance changes. The app layout's `balanceChanged` subscription
 * writes each new balance into the cache (credits/useBalanceUpdates); a payment that is granted
 * moves the balance, so watching that cached value is how a billing screen hears "payment
 * confirmed" without a second subscription of its own.
 */
export function useRefetchOnBalanceChange(refetch: () => unknown): void {
  const { balance } = useCreditBalance();
  const seen = useRef<string | undefined>(undefined);
  const latest = useRef(refetch);
  latest.current = refetch;
  const value = balance ? `${balance.balance}/${balance.held}` : undefined;
  useEffect(() => {
    if (value === undefined) return;
    const before = seen.current;
    seen.current = value;
    if (before !== undefined && before !== value) void latest.current();
  }, [value]);
}
