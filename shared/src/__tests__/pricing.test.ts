import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chargeFor,
  type ChargeTerms,
  costNanoUsd,
  DEFAULT_MARKUP_BPS,
  DEFAULT_PRICE_CLASS_THRESHOLDS,
  estimateCharge,
  expectedOutput,
  markupBpsFor,
  type ModelPrice,
  nanoToUsdPerMillion,
  perMillionMicroCredits,
  PRICE_CLASSES,
  type PriceClass,
  priceClassOf,
  type Usage,
  usdPerMillionToNano,
} from '../pricing.js';

// ── Arbitraries ─────────────────────────────────────────────────────────────────────────────────

/** Prices as stored: nano-dollars per token, up to $1,000 per 1M tokens; a cached price, where set, is a discount. */
const priceArb: fc.Arbitrary<ModelPrice> = fc
  .record({
    inputNanoPerToken: fc.bigInt({ min: 0n, max: 1_000_000n }),
    outputNanoPerToken: fc.bigInt({ min: 0n, max: 1_000_000n }),
    cachedPercent: fc.option(fc.bigInt({ min: 0n, max: 100n })),
  })
  .map(({ inputNanoPerToken, outputNanoPerToken, cachedPercent }) => ({
    inputNanoPerToken,
    outputNanoPerToken,
    cachedInputNanoPerToken: cachedPercent === null ? null : (inputNanoPerToken * cachedPercent) / 100n,
  }));

const termsArb: fc.Arbitrary<ChargeTerms> = fc.record({
  price: priceArb,
  markupBps: fc.oneof(fc.constantFrom(0n, 500n, 1_000n, 1_500n), fc.bigInt({ min: 0n, max: 50_000n })),
  // CREDIT_USD from $0.000001 to $10 (default $0.01 = 10,000 micro-dollars)
  creditUsdMicro: fc.oneof(fc.constant(10_000n), fc.bigInt({ min: 1n, max: 10_000_000n })),
});

const tokensArb = fc.oneof(fc.nat({ max: 2_000 }), fc.nat({ max: 2_000_000 }));

const usageArb: fc.Arbitrary<Usage> = fc
  .record({ inputTokens: tokensArb, outputTokens: tokensArb, cachedShare: fc.option(fc.double({ min: 0, max: 1, noNaN: true })) })
  .map(({ inputTokens, outputTokens, cachedShare }) =>
    cachedShare === null ? { inputTokens, outputTokens } : { inputTokens, outputTokens, cachedInputTokens: Math.floor(inputTokens * cachedShare) },
  );

// ── Exact rational reference ────────────────────────────────────────────────────────────────────

/** The provider cost in nano-dollars, computed independently of pricing.ts. */
function referenceCostNano(price: ModelPrice, usage: Usage): bigint {
  const cached = BigInt(usage.cachedInputTokens ?? 0);
  const cachedPrice = price.cachedInputNanoPerToken ?? price.inputNanoPerToken;
  return (BigInt(usage.inputTokens) - cached) * price.inputNanoPerToken + cached * cachedPrice + BigInt(usage.outputTokens) * price.outputNanoPerToken;
}

/**
 * The exact charge in micro-credits as a rational num/den:
 *   cost_nano / 10^9 [USD] × (10^4 + bps) / 10^4 ÷ (credit_usd_micro / 10^6) [USD per credit] × 10^6 [micro per credit]
 */
function exactCharge(terms: ChargeTerms, usage: Usage): { num: bigint; den: bigint } {
  return {
    num: referenceCostNano(terms.price, usage) * (10_000n + terms.markupBps) * 10n ** 12n,
    den: 10n ** 9n * 10_000n * terms.creditUsdMicro,
  };
}

const add = (a: Usage, b: Usage): Usage => ({
  inputTokens: a.inputTokens + b.inputTokens,
  outputTokens: a.outputTokens + b.outputTokens,
  cachedInputTokens: (a.cachedInputTokens ?? 0) + (b.cachedInputTokens ?? 0),
});

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

// ── Markup and price classes ────────────────────────────────────────────────────────────────────

describe('markupBpsFor', () => {
  const classArb = fc.constantFrom(...PRICE_CLASSES);
  const overrideArb = fc.option(fc.bigInt({ min: 0n, max: 5_000n }), { nil: undefined });
  const nullableOverrideArb = fc.oneof(overrideArb, fc.constant(null));

  it('BYOK → 0, whatever the class and tier', () => {
    fc.assert(
      fc.property(classArb, nullableOverrideArb, (priceClass, tierOverrideBps) => {
        expect(markupBpsFor({ priceClass, tierOverrideBps, byok: true })).toBe(0n);
      }),
    );
  });

  it('free models → 0, whatever the tier', () => {
    fc.assert(
      fc.property(nullableOverrideArb, fc.boolean(), (tierOverrideBps, byok) => {
        expect(markupBpsFor({ priceClass: 'free', tierOverrideBps, byok })).toBe(0n);
      }),
    );
  });

  it('a tier override beats the class markup (0 included)', () => {
    fc.assert(
      fc.property(fc.constantFrom<PriceClass>('budget', 'standard', 'premium'), fc.bigInt({ min: 0n, max: 5_000n }), (priceClass, override) => {
        expect(markupBpsFor({ priceClass, tierOverrideBps: override })).toBe(override);
        expect(markupBpsFor({ priceClass, tierOverrideBps: override, byok: false })).toBe(override);
      }),
    );
    expect(markupBpsFor({ priceClass: 'premium', tierOverrideBps: 0n })).toBe(0n);
  });

  it('otherwise the class default: 0 / 5 / 10 / 15 %', () => {
    expect(DEFAULT_MARKUP_BPS).toEqual({ free: 0n, budget: 500n, standard: 1_000n, premium: 1_500n });
    for (const tierOverrideBps of [undefined, null]) {
      expect(markupBpsFor({ priceClass: 'free', tierOverrideBps })).toBe(0n);
      expect(markupBpsFor({ priceClass: 'budget', tierOverrideBps })).toBe(500n);
      expect(markupBpsFor({ priceClass: 'standard', tierOverrideBps })).toBe(1_000n);
      expect(markupBpsFor({ priceClass: 'premium', tierOverrideBps, byok: false })).toBe(1_500n);
    }
    const custom = { free: 7n, budget: 1n, standard: 2n, premium: 3n };
    expect(markupBpsFor({ priceClass: 'standard', byClassBps: custom })).toBe(2n);
    expect(markupBpsFor({ priceClass: 'free', byClassBps: custom })).toBe(0n); // free is never marked up
  });
});

describe('priceClassOf', () => {
  const price = (input: bigint, output: bigint): ModelPrice => ({ inputNanoPerToken: input, outputNanoPerToken: output });

  it('thresholds at their boundaries ($2 and $20 per 1M output tokens, inclusive)', () => {
    expect(DEFAULT_PRICE_CLASS_THRESHOLDS).toEqual({ budgetMaxOutputNano: 2_000n, standardMaxOutputNano: 20_000n });
    expect(priceClassOf(price(0n, 0n))).toBe('free');
    expect(priceClassOf(price(1n, 0n))).toBe('budget'); // a paid input makes it not free
    expect(priceClassOf(price(0n, 1n))).toBe('budget');
    expect(priceClassOf(price(0n, 2_000n))).toBe('budget');
    expect(priceClassOf(price(0n, 2_001n))).toBe('standard');
    expect(priceClassOf(price(0n, 20_000n))).toBe('standard');
    expect(priceClassOf(price(0n, 20_001n))).toBe('premium');
    expect(priceClassOf(price(usdPerMillionToNano('0.15'), usdPerMillionToNano('0.6')))).toBe('budget');
    expect(priceClassOf(price(usdPerMillionToNano('2.5'), usdPerMillionToNano('10')))).toBe('standard');
    expect(priceClassOf(price(usdPerMillionToNano('15'), usdPerMillionToNano('75')))).toBe('premium');
  });

  it('honours custom thresholds and depends only on the output price once paid', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 6n }), fc.bigInt({ min: 0n, max: 10n ** 6n }), fc.bigInt({ min: 0n, max: 10n ** 6n }), (input, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const thresholds = { budgetMaxOutputNano: lo, standardMaxOutputNano: hi };
        expect(priceClassOf(price(input, lo), thresholds)).toBe('budget');
        if (hi > lo) expect(priceClassOf(price(input, lo + 1n), thresholds)).toBe('standard');
        expect(priceClassOf(price(input, hi + 1n), thresholds)).toBe('premium');
      }),
    );
  });
});

// ── USD strings ─────────────────────────────────────────────────────────────────────────────────

describe('usdPerMillionToNano / nanoToUsdPerMillion', () => {
  it.each([
    ['0.075', 75n],
    ['0.15', 150n],
    ['2.5', 2_500n],
    ['10', 10_000n],
    ['0', 0n],
    ['0.001', 1n],
    [' 3.000 ', 3_000n],
    ['75', 75_000n],
  ])('parses %j', (usd, nano) => {
    expect(usdPerMillionToNano(usd)).toBe(nano);
  });

  it.each(['-1', '0.0001', 'abc', '1e3', '', '.5', '1.', '1,5', '+1', '0x10', 'NaN', 'Infinity', '١'])('rejects %j', (bad) => {
    expect(() => usdPerMillionToNano(bad)).toThrow(RangeError);
  });

  it.each([
    [75n, '0.075'],
    [150n, '0.15'],
    [2_500n, '2.5'],
    [10_000n, '10'],
    [0n, '0'],
    [1n, '0.001'],
  ])('formats %s as %j', (nano, usd) => {
    expect(nanoToUsdPerMillion(nano)).toBe(usd);
  });

  it('round-trips every non-negative price', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), (nano) => {
        const usd = nanoToUsdPerMillion(nano);
        expect(usd).toMatch(/^\d+(\.\d{1,3})?$/);
        expect(usdPerMillionToNano(usd)).toBe(nano);
      }),
    );
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.stringMatching(/^\d{0,3}$/), (whole, decimals) => {
        // any well-formed string (trailing zeros allowed) means whole + decimals/1000 dollars per 1M tokens
        const nano = whole * 1_000n + BigInt(decimals.padEnd(3, '0'));
        const text = decimals ? `${whole}.${decimals}` : `${whole}`;
        expect(usdPerMillionToNano(text)).toBe(nano);
        expect(usdPerMillionToNano(nanoToUsdPerMillion(nano))).toBe(nano);
      }),
    );
  });

  it('rejects a negative nano price', () => {
    expect(() => nanoToUsdPerMillion(-1n)).toThrow(RangeError);
  });
});

// ── Per-million preview ─────────────────────────────────────────────────────────────────────────

describe('perMillionMicroCredits', () => {
  it('equals chargeFor of 1M input / 1M output tokens', () => {
    fc.assert(
      fc.property(termsArb, (terms) => {
        expect(perMillionMicroCredits(terms)).toEqual({
          input: chargeFor(terms, { inputTokens: 1_000_000, outputTokens: 0 }),
          output: chargeFor(terms, { inputTokens: 0, outputTokens: 1_000_000 }),
        });
      }),
    );
  });

  it('is the list price in credits for the default terms', () => {
    // $2.50 / $10 per 1M, 10% markup, 1 credit = $0.01 → 275 / 1,100 credits
    const terms: ChargeTerms = { price: { inputNanoPerToken: 2_500n, outputNanoPerToken: 10_000n }, markupBps: 1_000n, creditUsdMicro: 10_000n };
    expect(perMillionMicroCredits(terms)).toEqual({ input: 275_000_000n, output: 1_100_000_000n });
  });
});
