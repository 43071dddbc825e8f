/**
 * Money arithmetic shared by the server (ledger, pricing) and the SPA (previews, forms). Amounts
 * are bigint micro-credits (1 credit = 1,000,000); provider prices are nano-dollars per token.
 * No float ever touches an amount: parsing and formatting work on the decimal string itself.
 */

export const MICRO_PER_CREDIT = 1_000_000n;
export const CREDIT_FRACTION_DIGITS = 6;
const NANO_PER_MICRO = 1_000n;
const BPS = 10_000n;

export class CreditsFormatError extends Error {
  constructor(
    readonly input: string,
    reason: string,
  ) {
    super(`"${input}" is not a valid credit amount: ${reason}`);
    this.name = 'CreditsFormatError';
  }
}

const UNSIGNED = /^(\d+)(?:\.(\d+))?$/;

/**
 * Parses a `Credits` decimal string into micro-credits. Accepts up to 6 fraction digits and no
 * sign (every amount a client sends is a magnitude; the operation says which way it moves).
 */
export function parseCredits(input: string): bigint {
  if (typeof input !== 'string') throw new CreditsFormatError(String(input), 'expected a decimal string');
  const text = input.trim();
  if (/^[+-]/.test(text)) throw new CreditsFormatError(input, 'no sign allowed');
  const match = UNSIGNED.exec(text);
  if (!match) throw new CreditsFormatError(input, 'expected digits with an optional decimal point');
  const [, whole, fraction = ''] = match;
  if (fraction.length > CREDIT_FRACTION_DIGITS) {
    throw new CreditsFormatError(input, `at most ${CREDIT_FRACTION_DIGITS} fraction digits`);
  }
  return BigInt(whole!) * MICRO_PER_CREDIT + BigInt(fraction.padEnd(CREDIT_FRACTION_DIGITS, '0'));
}

/** Formats micro-credits as a decimal string with exactly 6 fraction digits (`-` for negatives). */
export function formatCredits(micro: bigint): string {
  const negative = micro < 0n;
  const abs = negative ? -micro : micro;
  const whole = abs / MICRO_PER_CREDIT;
  const fraction = (abs % MICRO_PER_CREDIT).toString().padStart(CREDIT_FRACTION_DIGITS, '0');
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}

/** ⌈a / b⌉ for a ≥ 0, b > 0. */
export function ceilDiv(a: bigint, b: bigint): bigint {
  if (b <= 0n || a < 0n) throw new RangeError('ceilDiv expects a >= 0 and b > 0');
  return (a + b - 1n) / b;
}

/** A decimal USD string (`"0.01"`, up to 6 fraction digits) as micro-dollars. */
export function parseUsdMicro(usd: string): bigint {
  return parseCredits(usd); // the same fixed-point scale: 6 fraction digits
}

export interface ChargeInput {
  /** What the provider charges us, in nano-dollars. */
  costNanoUsd: bigint;
  /** Markup in basis points (10% = 1000). */
  markupBps: bigint;
  /** What one credit is worth, in micro-dollars (CREDIT_USD 0.01 → 10,000). */
  creditUsdMicro: bigint;
}

/**
 * cost × (1 + markup), converted to micro-credits and rounded up once, at the very end, so a
 * charge never undercuts the provider cost and the estimate, hold and settlement agree exactly.
 *
 *   micro-credits = ⌈ cost_nano × (10000 + bps) × 10^6 / (10000 × credit_usd_micro × 1000) ⌉
 */
export function chargeMicroCredits({ costNanoUsd, markupBps, creditUsdMicro }: ChargeInput): bigint {
  if (costNanoUsd < 0n || markupBps < 0n || creditUsdMicro <= 0n) throw new RangeError('invalid charge input');
  const numerator = costNanoUsd * (BPS + markupBps) * MICRO_PER_CREDIT;
  const denominator = BPS * creditUsdMicro * NANO_PER_MICRO;
  return ceilDiv(numerator, denominator);
}

/**
 * Splits `total` across `weights` in proportion, handing out the remainder one unit at a time to
 * the largest fractional parts (ties to the earliest), so the parts always sum to the total.
 */
export function allocate(total: bigint, weights: readonly bigint[]): bigint[] {
  if (weights.length === 0) throw new RangeError('allocate needs at least one weight');
  if (weights.some((w) => w < 0n)) throw new RangeError('weights must be non-negative');
  const sum = weights.reduce((a, b) => a + b, 0n);
  if (sum === 0n) throw new RangeError('weights must not all be zero');
  const negative = total < 0n;
  const abs = negative ? -total : total;
  const parts = weights.map((w) => (abs * w) / sum);
  let left = abs - parts.reduce((a, b) => a + b, 0n);
  const order = weights.map((w, i) => ({ i, frac: (abs * w) % sum })).sort((a, b) => (a.frac === b.frac ? a.i - b.i : a.frac > b.frac ? -1 : 1));
  for (let k = 0; left > 0n; k++, left--) parts[order[k % order.length]!.i]! += 1n;
  return negative ? parts.map((p) => -p) : parts;
}

/**
 * The largest credit amount one request may move (a grant, deduction, refund, threshold, coupon
 * value): 1,000,000 credits. The ledger refuses more; forms refuse it before sending.
 */
export const MAX_CREDIT_AMOUNT_MICRO = 1_000_000n * MICRO_PER_CREDIT;
/** The largest gift one user may send: 100,000 credits. */
export const MAX_GIFT_MICRO = 100_000n * MICRO_PER_CREDIT;
/** The largest USD amount a form takes (auto-recharge monthly limit, coupon amount off): $100,000.00, in cents. */
export const MAX_USD_CENTS = 10_000_000;

/**
 * Why `micro` is not an amount under `max`, in words a form can show, or undefined when it fits.
 * "At most 1,000,000 credits" — the same bound the server checks, so a form never sends what it would refuse.
 */
export function creditCapProblem(micro: bigint, max: bigint = MAX_CREDIT_AMOUNT_MICRO): string | undefined {
  if (micro <= max) return undefined;
  const whole = (max / MICRO_PER_CREDIT).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = (max % MICRO_PER_CREDIT).toString().padStart(CREDIT_FRACTION_DIGITS, '0').replace(/0+$/, '');
  return `At most ${whole}${fraction ? `.${fraction}` : ''} credits`;
}
