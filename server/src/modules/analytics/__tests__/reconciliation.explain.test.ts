import { describe, expect, it } from 'vitest';
import { explain, type ReconciliationTally } from '../reconciliation.explain.js';

/** The words of a provider's day, for the cases the API suite cannot easily stage (pure function). */
const tally = (t: Partial<ReconciliationTally>): ReconciliationTally => ({
  listNano: 1_000_000n,
  cachedNano: 0n,
  byokNano: 0n,
  meteredNano: 1_000_000n,
  errorNano: 0n,
  costlyErrorCalls: 0,
  priceChanged: new Set(),
  pricedLater: new Set(),
  unpriced: new Set(),
  cacheDiscountMaxNano: 0n,
  cacheDiscountModels: new Set(),
  ...t,
});

describe('the reconciliation explanation', () => {
  it('is empty when metered equals expected and no failed call cost anything', () => {
    expect(explain(tally({ cachedNano: 300_000n, byokNano: 200_000n, meteredNano: 500_000n }))).toBe('');
  });

  it('counts failed calls in the plural and rounds their cost once', () => {
    expect(explain(tally({ meteredNano: 1_120_400n, errorNano: 120_400n, costlyErrorCalls: 2 }))).toBe('2 failed calls cost $0.000120 that no user paid for');
  });

  it('says what stays unexplained when nothing on record accounts for it', () => {
    expect(explain(tally({ meteredNano: 1_000_500n }))).toBe('$0.000001 is not explained by anything on record');
    // More than prompt caching could have taken off: not blamed on it.
    expect(explain(tally({ meteredNano: 900_000n, cacheDiscountMaxNano: 50_000n, cacheDiscountModels: new Set(['m']) }))).toBe(
      '-$0.000100 is not explained by anything on record',
    );
  });

  it('names a model priced during the day and a model without any price, once each', () => {
    const text = explain(
      tally({ meteredNano: 1_300_000n, priceChanged: new Set(['b/new', 'a/changed']), pricedLater: new Set(['b/new']), unpriced: new Set(['c/none']) }),
    );
    expect(text).toBe(
      'the price of a/changed changed during the day (listed at the price in force at 00:00 UTC); ' +
        'b/new had no price at 00:00 UTC (listed at its first price of the day); c/none has no price on record (listed at $0)',
    );
  });
});
