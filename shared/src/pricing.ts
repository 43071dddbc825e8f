import { ceilDiv, chargeMicroCredits } from './money.js';
import { overageTokens, type OverageTerms } from './overage.js';

/**
 * Price arithmetic shared by the estimator, the hold, the settlement and the SPA's preview, so
 * they cannot disagree. Prices are integer nano-dollars per token; charges integer micro-credits.
 */

export const PRICE_CLASSES = ['free', 'budget', 'standard', 'premium'] as const;
export type PriceClass = (typeof PRICE_CLASSES)[number];

export interface ModelPrice {
  inputNanoPerToken: bigint;
  outputNanoPerToken: bigint;
  /** Where the provider discounts cached prompt tokens; null when it does not. */
  cachedInputNanoPerToken?: bigint | null;
}

/**
 * A model's class comes from its output price (the part that dominates real bills):
 * free when both prices are 0; budget up to $2 per 1M output tokens; standard up to $20; premium above.
 */
export interface PriceClassThresholds {
  budgetMaxOutputNano: bigint;
  standardMaxOutputNano: bigint;
}
export const DEFAULT_PRICE_CLASS_THRESHOLDS: PriceClassThresholds = { budgetMaxOutputNano: 2_000n, standardMaxOutputNano: 20_000n };

export function priceClassOf(price: ModelPrice, thresholds: PriceClassThresholds = DEFAULT_PRICE_CLASS_THRESHOLDS): PriceClass {
  if (price.inputNanoPerToken === 0n && price.outputNanoPerToken === 0n) return 'free';
  if (price.outputNanoPerToken <= thresholds.budgetMaxOutputNano) return 'budget';
  if (price.outputNanoPerToken <= thresholds.standardMaxOutputNano) return 'standard';
  return 'premium';
}

/** Markup in basis points (1000 = 10%) by price class: the pricing documents' defaults. */
export const DEFAULT_MARKUP_BPS: Record<PriceClass, bigint> = { free: 0n, budget: 500n, standard: 1_000n, premium: 1_500n };

export interface MarkupInput {
  priceClass: PriceClass;
  /** A tier's own markup replaces the class markup (starter 10%, pro 5%, enterprise 0%). */
  tierOverrideBps?: bigint | null;
  /** Calls made with the user's own provider key carry no markup. */
  byok?: boolean;
  byClassBps?: Record<PriceClass, bigint>;
}

/** The rules compose in one order: BYOK → 0; else a tier override; else the class markup. Free models are never marked up. */
export function markupBpsFor({ priceClass, tierOverrideBps, byok, byClassBps = DEFAULT_MARKUP_BPS }: MarkupInput): bigint {
  if (tierOverrideBps !== null && tierOverrideBps !== undefined && tierOverrideBps < 0n) throw new RangeError('a markup cannot be negative');
  if (byok || priceClass === 'free') return 0n;
  if (tierOverrideBps !== null && tierOverrideBps !== undefined) return tierOverrideBps;
  return byClassBps[priceClass];
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  /** Of inputTokens, how many the provider served from its prompt cache. */
  cachedInputTokens?: number;
}

/** What the provider charges us for `usage`, in nano-dollars. */
export function costNanoUsd(price: ModelPrice, usage: Usage): bigint {
  const cached = BigInt(usage.cachedInputTokens ?? 0);
  const input = BigInt(usage.inputTokens);
  if (cached < 0n || input < 0n || cached > input || usage.outputTokens < 0) throw new RangeError('invalid usage');
  const cachedPrice = price.cachedInputNanoPerToken ?? price.inputNanoPerToken;
  return (input - cached) * price.inputNanoPerToken + cached * cachedPrice + BigInt(usage.outputTokens) * price.outputNanoPerToken;
}

const BPS = 10_000n;

export interface ChargeTerms {
  price: ModelPrice;
  markupBps: bigint;
  creditUsdMicro: bigint;
  /** Set when the call may pass its tier's monthly token allowance on a `credits` tier (overage.ts). */
  overage?: OverageTerms | null;
}

/**
 * The charge for `usage` in micro-credits: cost × (1 + markup), rounded up once. With overage
 * terms, the tokens past the allowance cost (1 + surcharge) times that, in the same single rounding:
 *
 *   ⌈ (cost_all × 10000 + cost_overage × surcharge_bps) × (10000 + markup_bps) × 10^6 / (10000² × credit_usd_micro × 1000) ⌉
 */
export function chargeFor(terms: ChargeTerms, usage: Usage): bigint {
  const cost = costNanoUsd(terms.price, usage);
  const over = terms.overage ? overageTokens(usage, terms.overage.remainingTokens) : null;
  if (!over || terms.overage!.surchargeBps === 0n || (over.inputTokens === 0 && over.outputTokens === 0)) {
    return chargeMicroCredits({ costNanoUsd: cost, markupBps: terms.markupBps, creditUsdMicro: terms.creditUsdMicro });
  }
  const surchargeBps = terms.overage!.surchargeBps;
  if (surchargeBps < 0n || terms.markupBps < 0n || terms.creditUsdMicro <= 0n) throw new RangeError('invalid charge input');
  const surcharged = cost * BPS + costNanoUsd(terms.price, over) * surchargeBps;
  return ceilDiv(surcharged * (BPS + terms.markupBps) * 1_000_000n, BPS * BPS * terms.creditUsdMicro * 1_000n);
}

/** What a settled call's overage was: its tokens, what they cost (with the surcharge), and the surcharge alone. */
export interface OverageCharge {
  tokens: number;
  /** charge(call) − charge(the call's tokens inside the allowance), micro-credits. */
  credits: bigint;
  /** charge(call) − charge(call without surcharge), micro-credits. */
  surcharge: bigint;
}

/** Splits a call's charge for the usage record; zeros when the terms carry no overage. */
export function overageCharge(terms: ChargeTerms, usage: Usage): OverageCharge {
  if (!terms.overage) return { tokens: 0, credits: 0n, surcharge: 0n };
  const over = overageTokens(usage, terms.overage.remainingTokens);
  const tokens = over.inputTokens + over.outputTokens;
  if (tokens === 0) return { tokens: 0, credits: 0n, surcharge: 0n };
  const plain = { ...terms, overage: null };
  const inside = {
    inputTokens: usage.inputTokens - over.inputTokens,
    outputTokens: usage.outputTokens - over.outputTokens,
    cachedInputTokens: (usage.cachedInputTokens ?? 0) - over.cachedInputTokens,
  };
  const total = chargeFor(terms, usage);
  return { tokens, credits: total - chargeFor(plain, inside), surcharge: total - chargeFor(plain, usage) };
}

/**
 * What a request will cost: `max` prices every prompt token uncached plus `maxOutputTokens` (the
 * hold), `expected` prices the expected output. max ≥ any settlement whose usage stays within
 * the counted prompt and `maxOutputTokens`.
 */
export function estimateCharge(terms: ChargeTerms, inputTokens: number, maxOutputTokens: number, expectedOutputTokens = expectedOutput(maxOutputTokens)) {
  // The worst case prices each prompt token at the dearer of the plain and the cached price: a
  // cached price is usually a discount, but a provider may bill cache writes above the input price.
  const cached = terms.price.cachedInputNanoPerToken ?? 0n;
  const worst = {
    ...terms,
    price: {
      ...terms.price,
      inputNanoPerToken: cached > terms.price.inputNanoPerToken ? cached : terms.price.inputNanoPerToken,
      cachedInputNanoPerToken: null,
    },
  };
  return {
    expected: chargeFor(terms, { inputTokens, outputTokens: Math.min(expectedOutputTokens, maxOutputTokens) }),
    max: chargeFor(worst, { inputTokens, outputTokens: maxOutputTokens }),
  };
}

/** Replies rarely use the whole budget; a quarter of it (at least 1, at most 1,024) is the documented expectation. */
export function expectedOutput(maxOutputTokens: number): number {
  return Math.max(Math.min(maxOutputTokens, 1), Math.min(1_024, Math.ceil(maxOutputTokens / 4)));
}

/** The price of 1M tokens to this user, in micro-credits, input and output. */
export function perMillionMicroCredits(terms: ChargeTerms): { input: bigint; output: bigint } {
  return {
    input: chargeFor(terms, { inputTokens: 1_000_000, outputTokens: 0 }),
    output: chargeFor(terms, { inputTokens: 0, outputTokens: 1_000_000 }),
  };
}

/** `"$0.075"` per 1M tokens → nano-dollars per token (75). At most 3 decimals: 1M tokens × 1 nano$ = $0.001. */
export function usdPerMillionToNano(usd: string): bigint {
  const match = /^(\d+)(?:\.(\d{1,3}))?$/.exec(usd.trim());
  if (!match) throw new RangeError(`"${usd}" is not a USD price per 1M tokens with at most 3 decimals`);
  return BigInt(match[1]!) * 1_000n + BigInt((match[2] ?? '').padEnd(3, '0'));
}

/** Nano-dollars per token → a USD string per 1M tokens (`75` → `"0.075"`). */
export function nanoToUsdPerMillion(nano: bigint): string {
  if (nano < 0n) throw new RangeError('a price cannot be negative');
  const whole = nano / 1_000n;
  const fraction = (nano % 1_000n).toString().padStart(3, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : `${whole}`;
}
