/**
 * Numbers for people. The API sends money as exact decimal strings (USD and Credits with 6
 * fraction digits); these work on the string itself, through bigint, never through a float, so a
 * figure shown is the exact figure rounded once. The rules (docs/decisions/0047-numbers-for-people.md):
 *
 * - Summaries show credits with exactly 2 fraction digits, so a figure keeps its width as it moves.
 *   A balance is rounded down (it never shows credit you do not have: 9.995485 → "9.99"); any other
 *   amount to the nearest (half away from zero), except one too small for 2 digits, which keeps the
 *   digits it needs (0.000450 → "0.00045") rather than reading "0.00".
 * - The exact value is on hover (`formatExactCredits`, in the title) and in detail views; exports
 *   stay the API's exact strings.
 * - Dollars beside credits are rounded to the cent; under half a cent reads "< $0.01".
 */

const GROUP = /\B(?=(\d{3})+(?!\d))/g;
const DECIMAL = /^(-?)(\d+)(?:\.(\d*))?$/;
const MINUS = '−';

/** Short figures: always this many fraction digits. */
export const SHORT_CREDIT_DIGITS = 2;

interface Decimal {
  negative: boolean;
  /** Every digit as one integer: 12.345 → 12345n with scale 3. */
  units: bigint;
  scale: number;
}

function parse(value: string): Decimal | null {
  const match = DECIMAL.exec(value.trim());
  if (!match) return null;
  const [, sign, whole, fraction = ''] = match;
  return { negative: sign === '-', units: BigInt(whole! + fraction), scale: fraction.length };
}

/** `magnitude` (units at `scale`) at `digits` fraction digits: rounded half up, or down (truncated). */
function rescale(units: bigint, scale: number, digits: number, round: 'half-up' | 'down' | 'up'): bigint {
  if (scale <= digits) return units * 10n ** BigInt(digits - scale);
  const divisor = 10n ** BigInt(scale - digits);
  const quotient = units / divisor;
  const rest = units % divisor;
  if (rest === 0n || round === 'down') return quotient;
  if (round === 'up') return quotient + 1n;
  return rest * 2n >= divisor ? quotient + 1n : quotient;
}

/** An integer of `digits` fraction digits as text: 12345n, 2 → "123.45". */
function toText(units: bigint, digits: number): string {
  const text = units.toString().padStart(digits + 1, '0');
  if (digits === 0) return text;
  return `${text.slice(0, text.length - digits)}.${text.slice(text.length - digits)}`;
}

function group(decimal: string): string {
  const [int, frac] = decimal.split('.');
  const grouped = int!.replace(GROUP, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

function signed(negative: boolean, text: string, plus: boolean): string {
  if (/^[0.,]*$/.test(text)) return text;
  return `${negative ? MINUS : plus ? '+' : ''}${text}`;
}

/** Rounds a decimal string to `digits` fraction digits, half away from zero. */
export function roundDecimal(value: string, digits: number): string {
  const d = parse(value);
  if (!d) return value;
  const text = toText(rescale(d.units, d.scale, digits, 'half-up'), digits);
  return d.negative && !/^[0.]*$/.test(text) ? `-${text}` : text;
}

export interface CreditsFormat {
  /** "+" before amounts added (transaction lists); a minus is always shown. */
  signed?: boolean;
}

/**
 * A credit amount for summaries and charge lists: "1234.5" → "1,234.50", "0.004" → "0.004",
 * "-2.5" → "−2.50". Always 2 fraction digits, except an amount under 0.005 that is not zero.
 */
export function formatCredits(value: string | null | undefined, { signed: plus = false }: CreditsFormat = {}): string {
  if (value == null || value === '') return '—';
  const d = parse(value);
  if (!d) return value;
  const short = rescale(d.units, d.scale, SHORT_CREDIT_DIGITS, 'half-up');
  if (short === 0n && d.units !== 0n) return signed(d.negative, toText(d.units, d.scale).replace(/0+$/, ''), plus);
  return signed(d.negative, group(toText(short, SHORT_CREDIT_DIGITS)), plus);
}

/**
 * A balance (what you have): always exactly 2 fraction digits, rounded toward −∞ so it never shows
 * credit that is not there: "9.995485" → "9.99", "-0.001" → "−0.01". Its width only changes when
 * the whole part gains or loses a digit.
 */
export function formatBalance(value: string | null | undefined): string {
  if (value == null || value === '') return '—';
  const d = parse(value);
  if (!d) return value;
  const units = rescale(d.units, d.scale, SHORT_CREDIT_DIGITS, d.negative ? 'up' : 'down');
  return signed(d.negative, group(toText(units, SHORT_CREDIT_DIGITS)), false);
}

/** The exact amount, for hover and detail views: grouped, every digit that is not a trailing zero, at least 2 ("9.995485", "1,234.50"). */
export function formatExactCredits(value: string | null | undefined, { signed: plus = false }: CreditsFormat = {}): string {
  if (value == null || value === '') return '—';
  const d = parse(value);
  if (!d) return value;
  const digits = Math.max(SHORT_CREDIT_DIGITS, d.scale);
  const text = toText(rescale(d.units, d.scale, digits, 'down'), digits);
  const [int, frac] = text.split('.') as [string, string];
  const trimmed = frac.replace(/0+$/, '').padEnd(SHORT_CREDIT_DIGITS, '0');
  return signed(d.negative, group(`${int}.${trimmed}`), plus);
}

/**
 * What `credits` are worth at `creditUsd` dollars a credit, exactly, as a decimal string
 * ("9.995485" × "0.010000" → "0.09995485"). Multiplies the two fixed-point integers: no rounding.
 */
export function creditsToUsd(credits: string, creditUsd: string): string | null {
  const c = parse(credits);
  const rate = parse(creditUsd);
  if (!c || !rate || rate.negative) return null;
  const scale = c.scale + rate.scale;
  const text = toText(c.units * rate.units, scale)
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '');
  return c.negative && !/^[0.]*$/.test(text) ? `-${text}` : text;
}

/** "1234.567800" → "$1,234.57"; "-3.5" → "−$3.50". */
export function formatUsd(value: string | null | undefined): string {
  if (value == null || value === '') return '—';
  const rounded = roundDecimal(value, 2);
  const negative = rounded.startsWith('-');
  return `${negative ? MINUS : ''}$${group(negative ? rounded.slice(1) : rounded)}`;
}

/** Dollars beside credits: to the cent, and "< $0.01" for a sum that is not zero but under half a cent. */
export function formatDollars(usd: string | null | undefined): string {
  if (usd == null || usd === '') return '—';
  const d = parse(usd);
  if (!d) return usd;
  if (d.units !== 0n && rescale(d.units, d.scale, 2, 'half-up') === 0n) return '< $0.01';
  return formatUsd(usd);
}

/** The exact dollars, for hover: "$0.09995485", "$1,234.50". */
export function formatExactUsd(usd: string | null | undefined): string {
  if (usd == null || usd === '') return '—';
  const exact = formatExactCredits(usd);
  return exact.startsWith(MINUS) ? `${MINUS}$${exact.slice(1)}` : `$${exact}`;
}

/** A percentage string from the API ("12.34") → "12.3%", "-5.55" → "−5.6%" (the minus the money figures use); null → "—". */
export function formatPercent(value: string | null | undefined): string {
  if (value == null || value === '') return '—';
  const rounded = roundDecimal(value, 1);
  return rounded.startsWith('-') ? `${MINUS}${rounded.slice(1)}%` : `${rounded}%`;
}
