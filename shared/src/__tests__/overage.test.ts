import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { overageTokens } from '../overage.js';
import { chargeFor, estimateCharge, overageCharge, type ChargeTerms, type Usage } from '../pricing.js';
import { referenceCostNano, termsArb, usageArb } from './pricing-support.js';

const remainingArb = fc.oneof(fc.constant(0n), fc.bigInt({ min: 0n, max: 5_000_000n }));
const surchargeArb = fc.oneof(fc.constantFrom(0n, 1_500n, 2_500n), fc.bigInt({ min: 0n, max: 100_000n }));

/** The tail of the call past `remaining`, split independently: output first, then cached prompt tokens, then the rest. */
function referenceSplit(u: Usage, remaining: bigint): { inside: Usage; over: Usage } {
  let left = remaining;
  const take = (n: number) => {
    const used = BigInt(n) < left ? BigInt(n) : left;
    left -= used;
    return Number(used);
  };
  const cached = u.cachedInputTokens ?? 0;
  const uncachedIn = take(u.inputTokens - cached);
  const cachedIn = take(cached);
  const outIn = take(u.outputTokens);
  const inside = { inputTokens: uncachedIn + cachedIn, outputTokens: outIn, cachedInputTokens: cachedIn };
  const over = { inputTokens: u.inputTokens - inside.inputTokens, outputTokens: u.outputTokens - outIn, cachedInputTokens: cached - cachedIn };
  return { inside, over };
}

/** ⌈ (cost_inside × (1+m) + cost_over × (1+m)(1+s)) ⌉ in micro-credits, from the reference cost alone. */
function referenceCharge(terms: ChargeTerms, u: Usage, remaining: bigint, surcharge: bigint): bigint {
  const { inside, over } = referenceSplit(u, remaining);
  const num =
    (referenceCostNano(terms.price, inside) * 10_000n + referenceCostNano(terms.price, over) * (10_000n + surcharge)) *
    (10_000n + terms.markupBps) *
    10n ** 12n;
  const den = 10n ** 9n * 10_000n * 10_000n * terms.creditUsdMicro;
  return (num + den - 1n) / den;
}

describe('overage pricing', () => {
  it('charges the inside part at the normal price and the tail with the surcharge, rounded up once', () => {
    fc.assert(
      fc.property(termsArb, usageArb, remainingArb, surchargeArb, (terms, u, remaining, surchargeBps) => {
        expect(chargeFor({ ...terms, overage: { remainingTokens: remaining, surchargeBps } }, u)).toBe(referenceCharge(terms, u, remaining, surchargeBps));
      }),
      { numRuns: 2_000 },
    );
  });

  it('is the plain charge when nothing passes the allowance or the surcharge is 0', () => {
    fc.assert(
      fc.property(termsArb, usageArb, surchargeArb, (terms, u, surchargeBps) => {
        const all = BigInt(u.inputTokens + u.outputTokens);
        expect(chargeFor({ ...terms, overage: { remainingTokens: all, surchargeBps } }, u)).toBe(chargeFor(terms, u));
        expect(chargeFor({ ...terms, overage: { remainingTokens: 0n, surchargeBps: 0n } }, u)).toBe(chargeFor(terms, u));
      }),
    );
  });

  it('holds enough: the worst case covers every settlement within the counted prompt and output budget', () => {
    fc.assert(
      fc.property(termsArb, usageArb, remainingArb, surchargeArb, fc.nat({ max: 2_000 }), (terms, u, remaining, surchargeBps, extra) => {
        const withOverage = { ...terms, overage: { remainingTokens: remaining, surchargeBps } };
        const max = estimateCharge(withOverage, u.inputTokens, u.outputTokens + extra).max;
        expect(chargeFor(withOverage, u)).toBeLessThanOrEqual(max);
      }),
      { numRuns: 1_000 },
    );
  });

  it('records overage credits and surcharge that add up: 0 ≤ surcharge ≤ credits ≤ charge', () => {
    fc.assert(
      fc.property(termsArb, usageArb, remainingArb, surchargeArb, (terms, u, remaining, surchargeBps) => {
        const withOverage = { ...terms, overage: { remainingTokens: remaining, surchargeBps } };
        const o = overageCharge(withOverage, u);
        const total = chargeFor(withOverage, u);
        const split = overageTokens(u, remaining);
        expect(o.tokens).toBe(split.inputTokens + split.outputTokens);
        expect(o.surcharge).toBe(total - chargeFor(terms, u));
        expect(0n <= o.surcharge && o.surcharge <= o.credits && o.credits <= total).toBe(true);
      }),
      { numRuns: 1_000 },
    );
  });

  it('splits the tail in order: output first, then cached prompt tokens', () => {
    expect(overageTokens({ inputTokens: 10, outputTokens: 5 }, 12n)).toEqual({ inputTokens: 0, outputTokens: 3, cachedInputTokens: 0 });
    expect(overageTokens({ inputTokens: 10, outputTokens: 5, cachedInputTokens: 4 }, 3n)).toEqual({ inputTokens: 7, outputTokens: 5, cachedInputTokens: 4 });
    expect(overageTokens({ inputTokens: 10, outputTokens: 5, cachedInputTokens: 4 }, 8n)).toEqual({ inputTokens: 2, outputTokens: 5, cachedInputTokens: 2 });
    expect(() => overageTokens({ inputTokens: 1, outputTokens: 1 }, -1n)).toThrow(RangeError);
  });
});
