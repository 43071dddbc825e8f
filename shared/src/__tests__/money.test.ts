import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, ceilDiv, chargeMicroCredits, CreditsFormatError, formatCredits, parseCredits } from '../money.js';

describe('parseCredits / formatCredits', () => {
  it.each([
    ['10', 10_000_000n],
    ['10.5', 10_500_000n],
    ['0.000001', 1n],
    ['12.500000', 12_500_000n],
    [' 3.25 ', 3_250_000n],
    ['0', 0n],
  ])('parses %j', (text, micro) => {
    expect(parseCredits(text)).toBe(micro);
  });

  it.each(['', 'abc', '1.2345678', '-1', '+1', '1e3', '1.', '.5', '1,5', 'NaN', '0x10', '١'])('rejects %j', (text) => {
    expect(() => parseCredits(text)).toThrow(CreditsFormatError);
  });

  it.each([
    [0n, '0.000000'],
    [1n, '0.000001'],
    [12_500_000n, '12.500000'],
    [-3_000_001n, '-3.000001'],
    [123_456_789_012_345_678n, '123456789012.345678'],
  ])('formats %s as %s', (micro, text) => {
    expect(formatCredits(micro)).toBe(text);
  });

  it('round-trips every non-negative amount exactly', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 10n ** 20n }), (micro) => parseCredits(formatCredits(micro)) === micro));
  });
});

describe('chargeMicroCredits', () => {
  it('prices 1,000 tokens at $1/1M with 10% markup at $0.01 a credit as 0.11 credits', () => {
    // 1000 tokens × 1000 nano$ = 1,000,000 nano$ = $0.001; ×1.1 = $0.0011 = 0.11 credits.
    expect(chargeMicroCredits({ costNanoUsd: 1_000_000n, markupBps: 1000n, creditUsdMicro: 10_000n })).toBe(110_000n);
  });

  it('rounds up once, at the end: one nano-dollar still costs one micro-credit', () => {
    expect(chargeMicroCredits({ costNanoUsd: 1n, markupBps: 0n, creditUsdMicro: 10_000n })).toBe(1n);
    expect(chargeMicroCredits({ costNanoUsd: 0n, markupBps: 1500n, creditUsdMicro: 10_000n })).toBe(0n);
  });

  it('never charges less than cost plus markup, and less than one micro-credit more', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.bigInt({ min: 0n, max: 5000n }), fc.bigInt({ min: 1n, max: 10n ** 7n }), (cost, bps, credit) => {
        const charged = chargeMicroCredits({ costNanoUsd: cost, markupBps: bps, creditUsdMicro: credit });
        // charged × denominator ≥ numerator > (charged − 1) × denominator
        const numerator = cost * (10_000n + bps) * 1_000_000n;
        const denominator = 10_000n * credit * 1_000n;
        return charged * denominator >= numerator && (charged - 1n) * denominator < numerator;
      }),
    );
  });

  it('is monotonic in cost', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.bigInt({ min: 0n, max: 10n ** 6n }), (a, d) => {
        const at = (cost: bigint) => chargeMicroCredits({ costNanoUsd: cost, markupBps: 500n, creditUsdMicro: 10_000n });
        return at(a + d) >= at(a);
      }),
    );
  });
});

describe('ceilDiv', () => {
  it('rounds up only when there is a remainder', () => {
    expect(ceilDiv(10n, 5n)).toBe(2n);
    expect(ceilDiv(11n, 5n)).toBe(3n);
    expect(ceilDiv(0n, 5n)).toBe(0n);
    expect(() => ceilDiv(1n, 0n)).toThrow(RangeError);
  });
});

describe('allocate', () => {
  it('splits in proportion and hands the remainder to the largest fractions', () => {
    expect(allocate(100n, [1n, 1n, 1n])).toEqual([34n, 33n, 33n]);
    expect(allocate(10n, [3n, 7n])).toEqual([3n, 7n]);
    expect(allocate(-5n, [1n, 1n])).toEqual([-3n, -2n]);
  });

  it('parts always sum to the whole and each is within one unit of its exact share', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 9n }), { minLength: 1, maxLength: 20 }).filter((w) => w.some((x) => x > 0n)),
        (total, weights) => {
          const parts = allocate(total, weights);
          const sum = weights.reduce((a, b) => a + b, 0n);
          const abs = total < 0n ? -total : total;
          return (
            parts.reduce((a, b) => a + b, 0n) === total &&
            parts.every((p, i) => {
              const exactFloor = (abs * weights[i]!) / sum;
              const mag = p < 0n ? -p : p;
              return mag === exactFloor || mag === exactFloor + 1n;
            })
          );
        },
      ),
    );
  });
});
