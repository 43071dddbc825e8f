/**
 * OpenRouter speaks USD as JSON numbers (limits, usage) and as decimal strings of USD per token
 * (model prices). Tollgate keeps money as integers: cents for a key's limit, nano-dollars for usage
 * and prices. Every conversion here is integer (BigInt) arithmetic on the decimal text, never a float.
 */

const NANO_PER_USD = 1_000_000_000n;
const NANO_PER_CENT = 10_000_000n;

/**
 * A decimal USD amount (`"0.0000025"`, `"12.34"`, `"1e-7"`, a JSON number's text) → nano-dollars.
 * Digits past the ninth decimal are rounded UP when `roundUp` (a price: Tollgate never charges less
 * than it pays), else down (a usage figure shown beside our own cost). Null for text that is not
 * a non-negative decimal (OpenRouter prices its router models "-1").
 */
export function usdToNano(text: string | number, roundUp = false): { nano: bigint; exact: boolean } | null {
  const s = typeof text === 'number' ? numberText(text) : text.trim();
  const m = /^(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s);
  if (!m || (!m[1] && !m[2])) return null;
  const digits = (m[1] ?? '') + (m[2] ?? '');
  // The value is digits × 10^(exp − fraction length); scale it to nano (× 10^9).
  const shift = Number(m[3] ?? '0') - (m[2] ?? '').length + 9;
  if (!Number.isSafeInteger(shift) || Math.abs(shift) > 60) return null;
  const n = BigInt(digits || '0');
  if (shift >= 0) return { nano: n * 10n ** BigInt(shift), exact: true };
  const div = 10n ** BigInt(-shift);
  const q = n / div;
  const exact = q * div === n;
  return { nano: exact || !roundUp ? q : q + 1n, exact };
}

/** A JSON number's decimal text, without a float round trip: JavaScript prints the shortest exact form. */
function numberText(n: number): string {
  return Number.isFinite(n) && n >= 0 ? String(n) : '-1';
}

/** Cents → the JSON number OpenRouter takes for a limit (`1234` → 12.34: two decimals always print exactly). */
export function centsToUsdNumber(cents: bigint): number {
  return Number(`${cents / 100n}.${(cents % 100n).toString().padStart(2, '0')}`);
}

/** Nano-dollars → a decimal USD string, trailing zeros cut (`2500` → "0.0000025"). */
export function nanoToUsd(nano: bigint): string {
  const sign = nano < 0n ? '-' : '';
  const abs = nano < 0n ? -nano : nano;
  const fraction = (abs % NANO_PER_USD).toString().padStart(9, '0').replace(/0+$/, '');
  return `${sign}${abs / NANO_PER_USD}${fraction ? `.${fraction}` : ''}`;
}

/**
 * The key's limit (OpenRouter's `limit` caps the key's whole `usage`, not what is left): the
 * provider cost Tollgate metered through the key so far plus the user's credit in dollars, rounded
 * DOWN to cents once, on the sum. While OpenRouter bills what we meter, what it still lets the key
 * spend (`limit − usage`) is the user's credit; spend we never metered (a leaked key, a price not
 * imported) eats that headroom and is not renewed. A negative balance counts as none.
 *   meteredNano   nano-dollars (the metering's cost of the key's calls)
 *   balanceMicro  micro-credits (the ledger's posted balance: held credit is for calls on this very key)
 *   creditUsdMicro micro-dollars per credit (CREDIT_USD)
 */
export function limitCents(meteredNano: bigint, balanceMicro: bigint, creditUsdMicro: bigint): bigint {
  const creditNano = balanceMicro > 0n ? (balanceMicro * creditUsdMicro) / 1_000n : 0n;
  return (meteredNano + creditNano) / NANO_PER_CENT;
}
