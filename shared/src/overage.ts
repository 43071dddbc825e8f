/**
 * Overage: the tokens of a call that pass its tier's monthly token allowance. A tier whose policy
 * is `credits` lets such a call go on and charges those tokens with a surcharge (basis points on
 * top of the marked-up price). The pricing functions (pricing.ts) read these terms, so the
 * estimator, the hold and the settlement split and price a call the same way.
 */

export const OVERAGE_POLICIES = ['block', 'credits'] as const;
export type OveragePolicy = (typeof OVERAGE_POLICIES)[number];

export interface OverageTerms {
  /** Tokens still inside the allowance when the call was admitted (≥ 0). */
  remainingTokens: bigint;
  /** The tier's surcharge on overage tokens, basis points (2500 = +25%). */
  surchargeBps: bigint;
}

export interface TokenSplit {
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
}

/**
 * Which of a call's tokens are overage. The allowance covers the call's tokens in the order they
 * are used: the prompt (its uncached tokens, then its cached ones), then the output. So the
 * overage is the tail: output first, then cached prompt tokens, then uncached ones.
 */
export function overageTokens(usage: { inputTokens: number; outputTokens: number; cachedInputTokens?: number }, remainingTokens: bigint): TokenSplit {
  if (remainingTokens < 0n) throw new RangeError('remaining allowance cannot be negative');
  const input = BigInt(usage.inputTokens);
  const output = BigInt(usage.outputTokens);
  const cached = BigInt(usage.cachedInputTokens ?? 0);
  const over = input + output - remainingTokens;
  if (over <= 0n) return { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0 };
  const outputOver = over < output ? over : output;
  const inputOver = over - outputOver;
  const cachedOver = inputOver < cached ? inputOver : cached;
  return { inputTokens: Number(inputOver), outputTokens: Number(outputOver), cachedInputTokens: Number(cachedOver) };
}
