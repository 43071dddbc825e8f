import { parseCredits } from '@tollgate/shared';
import { useEffect, useRef } from 'react';
import { useCreditBalance } from '../credits/useCreditBalance';

/**
 * Calls `refetch` whenever the balance changes (with `rises`: only when it goes up). The app
 * layout's `balanceChanged` subscription writes each new balance into the cache
 * (credits/useBalanceUpdates); a payment that is granted moves the balance, so watching that cached
 * value is how a billing screen hears "payment confirmed" without a second subscription of its own.
 * `rises` is for readers mounted on every screen (the past-due banner): money in raises the balance,
 * while every API call lowers it, and those need no refetch.
 */
export function useRefetchOnBalanceChange(refetch: () => unknown, { rises = false, enabled = true } = {}): void {
  const { balance } = useCreditBalance();
  const seen = useRef<string | undefined>(undefined);
  const latest = useRef(refetch);
  latest.current = refetch;
  const value = balance?.balance;
  useEffect(() => {
    if (value === undefined) return;
    const before = seen.current;
    seen.current = value;
    if (!enabled || before === undefined || before === value) return;
    if (rises && parseCredits(value) <= parseCredits(before)) return;
    void latest.current();
  }, [value, rises, enabled]);
}
