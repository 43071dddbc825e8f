import { usd } from './analytics.usd.js';

/** What one provider's day holds, in nano-dollars, and what may explain its difference. */
export interface ReconciliationTally {
  listNano: bigint;
  cachedNano: bigint;
  byokNano: bigint;
  meteredNano: bigint;
  errorNano: bigint;
  /** Failed calls on our keys in groups that cost something (the rollup counts calls per group). */
  costlyErrorCalls: number;
  /** Models another price took effect for during the day (listed at the start-of-day price). */
  priceChanged: Set<string>;
  /** Models without a price at 00:00 UTC, listed at their first price of the day. */
  pricedLater: Set<string>;
  /** Models with usage and no price at all (listed at 0). */
  unpriced: Set<string>;
  /** The most prompt-cache discounts could have taken off our calls' input, and on which models. */
  cacheDiscountMaxNano: bigint;
  cacheDiscountModels: Set<string>;
}

export const expectedNano = (t: ReconciliationTally): bigint => t.listNano - t.cachedNano - t.byokNano;
export const differenceNano = (t: ReconciliationTally): bigint => t.meteredNano - expectedNano(t);
export const unexplainedNano = (t: ReconciliationTally): bigint => differenceNano(t) - t.errorNano;

const list = (names: Set<string>): string => [...names].sort().join(', ');
/** "$0.000120", "-$0.000030": the sign before the dollar sign. */
const dollars = (nano: bigint): string => (nano < 0n ? `-$${usd(-nano)}` : `$${usd(nano)}`);
const calls = (n: number): string => `${n} failed call${n === 1 ? '' : 's'}`;

/**
 * The difference between metered and expected cost, in words; "" when they agree. Failed calls are
 * the explained part (the provider was paid, no tokens were stored for the user); a price change
 * during the day, a missing price and prompt-cache discounts are named as the likely cause of what
 * stays unexplained, since the rollup cannot split a day's tokens by the moment or the price.
 */
export function explain(t: ReconciliationTally): string {
  const difference = differenceNano(t);
  const unexplained = unexplainedNano(t);
  if (difference === 0n && t.errorNano === 0n) return '';
  const parts: string[] = [];
  if (t.errorNano !== 0n) parts.push(`${calls(t.costlyErrorCalls)} cost ${dollars(t.errorNano)} that no user paid for`);
  if (unexplained !== 0n) {
    const changed = new Set([...t.priceChanged].filter((m) => !t.pricedLater.has(m)));
    if (changed.size > 0) parts.push(`the price of ${list(changed)} changed during the day (listed at the price in force at 00:00 UTC)`);
    if (t.pricedLater.size > 0) parts.push(`${list(t.pricedLater)} had no price at 00:00 UTC (listed at its first price of the day)`);
    if (t.unpriced.size > 0) parts.push(`${list(t.unpriced)} has no price on record (listed at $0)`);
    const discountCovers = unexplained < 0n && -unexplained <= t.cacheDiscountMaxNano;
    if (discountCovers) {
      parts.push(
        `prompt-cache discounts on ${list(t.cacheDiscountModels)} (cached prompt tokens cost less and are not stored per call) can account for up to ${dollars(t.cacheDiscountMaxNano)}`,
      );
    }
    if (changed.size === 0 && t.pricedLater.size === 0 && t.unpriced.size === 0 && !discountCovers) {
      parts.push(`${dollars(unexplained)} is not explained by anything on record`);
    }
  }
  return parts.join('; ');
}
