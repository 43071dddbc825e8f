import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chargeFor,
  type ChargeTerms,
  DEFAULT_MARKUP_BPS,
  DEFAULT_PRICE_CLASS_THRESHOLDS,
  markupBpsFor,
  type ModelPrice,
  nanoToUsdPerMillion,
  perMillionMicroCredits,
  PRICE_CLASSES,
  type PriceClass,
  priceClassOf,
  usdPerMillionToNano,
} from '../pricing.js';

import { termsArb } from './pricing-support.js';

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
