import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chargeFor, type ChargeTerms, costNanoUsd, estimateCharge, expectedOutput } from '../pricing.js';

import { add, exactCharge, priceArb, referenceCostNano, termsArb, tokensArb, usageArb } from './pricing-support.js';

// ── chargeFor ───────────────────────────────────────────────────────────────────────────────────

describe('chargeFor', () => {
  it('never under-charges and over-charges by less than one micro-credit (rounds once, up)', () => {
    fc.assert(
      fc.property(termsArb, usageArb, (terms, usage) => {
        const charge = chargeFor(terms, usage);
        const { num, den } = exactCharge(terms, usage);
        expect(charge * den >= num).toBe(true); // never under
        expect((charge - 1n) * den < num || charge === 0n).toBe(true); // over by < 1 micro-credit
        expect(charge >= 0n).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });

  it('agrees with the independent cost computation', () => {
    fc.assert(
      fc.property(priceArb, usageArb, (price, usage) => {
        expect(costNanoUsd(price, usage)).toBe(referenceCostNano(price, usage));
      }),
    );
  });

  it('is monotone in every usage component', () => {
    fc.assert(
      fc.property(termsArb, usageArb, fc.nat({ max: 10_000 }), fc.nat({ max: 10_000 }), (terms, usage, moreIn, moreOut) => {
        const bigger = { ...usage, inputTokens: usage.inputTokens + moreIn, outputTokens: usage.outputTokens + moreOut };
        expect(chargeFor(terms, bigger) >= chargeFor(terms, usage)).toBe(true);
      }),
    );
  });

  it('is never lower when a call is split in two (two round-ups ≥ one), and at most 1 micro-credit higher', () => {
    fc.assert(
      fc.property(termsArb, usageArb, usageArb, (terms, a, b) => {
        const whole = chargeFor(terms, add(a, b));
        const split = chargeFor(terms, a) + chargeFor(terms, b);
        expect(split >= whole).toBe(true);
        expect(split <= whole + 1n).toBe(true);
      }),
      { numRuns: 1_000 },
    );
  });

  it('charges known amounts', () => {
    const terms: ChargeTerms = {
      price: { inputNanoPerToken: 150n, outputNanoPerToken: 600n }, // gpt-4o-mini: $0.15 / $0.60 per 1M
      markupBps: 1_000n,
      creditUsdMicro: 10_000n, // 1 credit = $0.01
    };
    // 1,000 in + 500 out = 150,000 + 300,000 nano$ = $0.00045 → ×1.1 = $0.000495 → 0.0495 credits
    expect(chargeFor(terms, { inputTokens: 1_000, outputTokens: 500 })).toBe(49_500n);
    // 1 input token: 150 nano$ × 1.1 = 165 nano$ = 0.0000165 credits = 16.5 micro → 17
    expect(chargeFor(terms, { inputTokens: 1, outputTokens: 0 })).toBe(17n);
    expect(chargeFor(terms, { inputTokens: 0, outputTokens: 0 })).toBe(0n);
    // cached tokens at the cached price
    const cached = { ...terms, price: { ...terms.price, cachedInputNanoPerToken: 75n } };
    expect(chargeFor(cached, { inputTokens: 1_000, outputTokens: 0, cachedInputTokens: 1_000 })).toBe(8_250n);
  });

  it('rejects impossible usage', () => {
    const terms: ChargeTerms = { price: { inputNanoPerToken: 1n, outputNanoPerToken: 1n }, markupBps: 0n, creditUsdMicro: 10_000n };
    expect(() => chargeFor(terms, { inputTokens: -1, outputTokens: 0 })).toThrow(RangeError);
    expect(() => chargeFor(terms, { inputTokens: 0, outputTokens: -1 })).toThrow(RangeError);
    expect(() => chargeFor(terms, { inputTokens: 5, outputTokens: 0, cachedInputTokens: 6 })).toThrow(RangeError);
    expect(() => chargeFor(terms, { inputTokens: 1.5, outputTokens: 0 })).toThrow(RangeError);
    expect(() => chargeFor({ ...terms, creditUsdMicro: 0n }, { inputTokens: 1, outputTokens: 0 })).toThrow(RangeError);
    expect(() => chargeFor({ ...terms, markupBps: -1n }, { inputTokens: 1, outputTokens: 0 })).toThrow(RangeError);
  });
});

// ── estimateCharge ──────────────────────────────────────────────────────────────────────────────

describe('estimateCharge', () => {
  /** A counted prompt, an output budget, and an actual usage that stays within both. */
  const withinArb = fc
    .record({
      counted: tokensArb,
      maxOutput: tokensArb,
      inShare: fc.double({ min: 0, max: 1, noNaN: true }),
      outShare: fc.double({ min: 0, max: 1, noNaN: true }),
      cachedShare: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    .map(({ counted, maxOutput, inShare, outShare, cachedShare }) => {
      const inputTokens = Math.floor(counted * inShare);
      return {
        counted,
        maxOutput,
        usage: { inputTokens, outputTokens: Math.floor(maxOutput * outShare), cachedInputTokens: Math.floor(inputTokens * cachedShare) },
      };
    });

  it('max covers any usage within the counted prompt and the output budget (the hold never falls short)', () => {
    fc.assert(
      fc.property(termsArb, withinArb, (terms, { counted, maxOutput, usage }) => {
        const { max } = estimateCharge(terms, counted, maxOutput);
        expect(max >= chargeFor(terms, usage)).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });

  it('max covers the extreme usages exactly', () => {
    fc.assert(
      fc.property(termsArb, tokensArb, tokensArb, (terms, counted, maxOutput) => {
        const { max } = estimateCharge(terms, counted, maxOutput);
        expect(max).toBe(chargeFor(terms, { inputTokens: counted, outputTokens: maxOutput }));
      }),
    );
  });

  it('expected ≤ max, for the default and any explicit expectation', () => {
    fc.assert(
      fc.property(termsArb, tokensArb, tokensArb, fc.option(tokensArb), (terms, counted, maxOutput, expectedOut) => {
        const estimate = expectedOut === null ? estimateCharge(terms, counted, maxOutput) : estimateCharge(terms, counted, maxOutput, expectedOut);
        expect(estimate.expected <= estimate.max).toBe(true);
        expect(estimate.expected >= chargeFor(terms, { inputTokens: counted, outputTokens: 0 })).toBe(true);
      }),
    );
  });

  it('expects a quarter of the budget, at least 1 and at most 1,024', () => {
    expect(expectedOutput(0)).toBe(0);
    expect(expectedOutput(1)).toBe(1);
    expect(expectedOutput(3)).toBe(1);
    expect(expectedOutput(8)).toBe(2);
    expect(expectedOutput(4_096)).toBe(1_024);
    expect(expectedOutput(100_000)).toBe(1_024);
    fc.assert(
      fc.property(fc.nat({ max: 1_000_000 }), (max) => {
        const e = expectedOutput(max);
        expect(e).toBeLessThanOrEqual(max);
        expect(e).toBeLessThanOrEqual(1_024);
        if (max > 0) expect(e).toBeGreaterThanOrEqual(1);
      }),
    );
  });

  // A cached price may be a surcharge (Anthropic bills cache writes at 1.25× input): max must still cover it.
  it('max covers cached usage even when the cached price exceeds the input price', () => {
    const terms: ChargeTerms = {
      price: { inputNanoPerToken: 3_000n, outputNanoPerToken: 15_000n, cachedInputNanoPerToken: 3_750n },
      markupBps: 0n,
      creditUsdMicro: 10_000n,
    };
    const { max } = estimateCharge(terms, 1_000, 0);
    expect(max >= chargeFor(terms, { inputTokens: 1_000, outputTokens: 0, cachedInputTokens: 1_000 })).toBe(true);
  });
});
