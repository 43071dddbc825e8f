/**
 * USD figures as exact decimal strings (docs/analytics.md, "Units and rounding"). Amounts are
 * summed as integers in their own unit and rounded once, here, to the micro-dollar, half away from
 * zero. Mixed figures (cents − nano-dollars) are first brought to the finer unit with toNano/toPico.
 */

export type UsdUnit = 'cents' | 'micro' | 'nano' | 'pico';

/** How many of a unit make a dollar. */
export const PER_DOLLAR: Record<UsdUnit, bigint> = {
  cents: 100n,
  micro: 1_000_000n,
  nano: 1_000_000_000n,
  pico: 1_000_000_000_000n,
};

/** n ÷ d rounded half away from zero (d > 0). */
export function divRound(n: bigint, d: bigint): bigint {
  if (d <= 0n) throw new RangeError('divRound expects a positive divisor');
  const negative = n < 0n;
  const abs = negative ? -n : n;
  const q = (abs * 2n + d) / (2n * d);
  return negative ? -q : q;
}

/** An amount in `unit` as micro-dollars, rounded once (half away from zero). */
export function toMicroUsd(amount: bigint, unit: UsdUnit = 'nano'): bigint {
  const per = PER_DOLLAR[unit];
  return per <= 1_000_000n ? amount * (1_000_000n / per) : divRound(amount, per / 1_000_000n);
}

/** Micro-dollars as "12.340000" ("-0.500000" for a negative amount). */
export function formatMicroUsd(micro: bigint): string {
  const negative = micro < 0n;
  const abs = negative ? -micro : micro;
  return `${negative ? '-' : ''}${abs / 1_000_000n}.${(abs % 1_000_000n).toString().padStart(6, '0')}`;
}

/** usd(1234n, 'cents') → "12.340000"; usd(nano) → rounded to the micro-dollar, half away from zero. */
export function usd(amount: bigint, unit: UsdUnit = 'nano'): string {
  return formatMicroUsd(toMicroUsd(amount, unit));
}

/** Cents as nano-dollars (exact). */
export const centsToNano = (cents: bigint): bigint => cents * 10_000_000n;

/**
 * profit × 100 ÷ revenue, both in the SAME unit, rounded once to 2 fraction digits (half away
 * from zero): "37.50", "-12.25"; null when the revenue is 0.
 */
export function marginPercent(profit: bigint, revenue: bigint): string | null {
  if (revenue === 0n) return null;
  const negativeRevenue = revenue < 0n;
  const hundredths = divRound(profit * 10_000n * (negativeRevenue ? -1n : 1n), negativeRevenue ? -revenue : revenue);
  const negative = hundredths < 0n;
  const abs = negative ? -hundredths : hundredths;
  return `${negative ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/**
 * What credits are worth at the nominal CREDIT_USD ("0.01", ≤ 6 fraction digits), in pico-dollars
 * (micro-credits × micro-dollars per credit: exact, no rounding).
 */
export function creditsToPicoUsd(microCredits: bigint, creditUsdMicro: bigint): bigint {
  return microCredits * creditUsdMicro;
}

/** CREDIT_USD ("0.01", ≤ 6 fraction digits, validated by the config) in micro-dollars per credit. */
export function creditUsdMicroOf(creditUsd: string): bigint {
  const [whole, fraction = ''] = creditUsd.split('.');
  return BigInt(whole!) * 1_000_000n + BigInt(fraction.padEnd(6, '0'));
}
