/** Arbitraries and an exact rational reference shared by the pricing property tests. */
import fc from 'fast-check';
import { type ChargeTerms, type ModelPrice, type Usage } from '../pricing.js';

// ── Arbitraries ─────────────────────────────────────────────────────────────────────────────────

/** Prices as stored: nano-dollars per token, up to $1,000 per 1M tokens; a cached price, where set, is a discount. */
export const priceArb: fc.Arbitrary<ModelPrice> = fc
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

export const termsArb: fc.Arbitrary<ChargeTerms> = fc.record({
  price: priceArb,
  markupBps: fc.oneof(fc.constantFrom(0n, 500n, 1_000n, 1_500n), fc.bigInt({ min: 0n, max: 50_000n })),
  // CREDIT_USD from $0.000001 to $10 (default $0.01 = 10,000 micro-dollars)
  creditUsdMicro: fc.oneof(fc.constant(10_000n), fc.bigInt({ min: 1n, max: 10_000_000n })),
});

export const tokensArb = fc.oneof(fc.nat({ max: 2_000 }), fc.nat({ max: 2_000_000 }));

export const usageArb: fc.Arbitrary<Usage> = fc
  .record({ inputTokens: tokensArb, outputTokens: tokensArb, cachedShare: fc.option(fc.double({ min: 0, max: 1, noNaN: true })) })
  .map(({ inputTokens, outputTokens, cachedShare }) =>
    cachedShare === null ? { inputTokens, outputTokens } : { inputTokens, outputTokens, cachedInputTokens: Math.floor(inputTokens * cachedShare) },
  );

// ── Exact rational reference ────────────────────────────────────────────────────────────────────

/** The provider cost in nano-dollars, computed independently of pricing.ts. */
export function referenceCostNano(price: ModelPrice, usage: Usage): bigint {
  const cached = BigInt(usage.cachedInputTokens ?? 0);
  const cachedPrice = price.cachedInputNanoPerToken ?? price.inputNanoPerToken;
  return (BigInt(usage.inputTokens) - cached) * price.inputNanoPerToken + cached * cachedPrice + BigInt(usage.outputTokens) * price.outputNanoPerToken;
}

/**
 * The exact charge in micro-credits as a rational num/den:
 *   cost_nano / 10^9 [USD] × (10^4 + bps) / 10^4 ÷ (credit_usd_micro / 10^6) [USD per credit] × 10^6 [micro per credit]
 */
export function exactCharge(terms: ChargeTerms, usage: Usage): { num: bigint; den: bigint } {
  return {
    num: referenceCostNano(terms.price, usage) * (10_000n + terms.markupBps) * 10n ** 12n,
    den: 10n ** 9n * 10_000n * terms.creditUsdMicro,
  };
}

export const add = (a: Usage, b: Usage): Usage => ({
  inputTokens: a.inputTokens + b.inputTokens,
  outputTokens: a.outputTokens + b.outputTokens,
  cachedInputTokens: (a.cachedInputTokens ?? 0) + (b.cachedInputTokens ?? 0),
});
