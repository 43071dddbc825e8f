/**
 * Numbers for people. The API sends money as exact decimal strings (USD with 6 fraction digits,
 * Credits with 6); these round the string itself (half away from zero) without passing through a
 * float, so a figure shown is the exact figure rounded once.
 */

const GROUP = /\B(?=(\d{3})+(?!\d))/g;

/** Rounds a decimal string to `digits` fraction digits, half away from zero. */
export function roundDecimal(value: string, digits: number): string {
  const match = /^(-?)(\d+)(?:\.(\d*))?$/.exec(value.trim());
  if (!match) return value;
  const [, sign, whole, fraction = ''] = match;
  const padded = (fraction + '0'.repeat(digits + 1)).slice(0, digits + 1);
  let units = BigInt(whole! + padded.slice(0, digits));
  if (Number(padded[digits]) >= 5) units += 1n;
  const text = units.toString().padStart(digits + 1, '0');
  const int = text.slice(0, text.length - digits);
  const frac = digits > 0 ? `.${text.slice(text.length - digits)}` : '';
  const isZero = /^0*$/.test(int + frac.slice(1));
  return `${sign && !isZero ? '-' : ''}${int}${frac}`;
}

function group(decimal: string): string {
  const [int, frac] = decimal.split('.');
  const grouped = int!.replace(GROUP, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

/** "1234.567800" → "$1,234.57"; "-3.5" → "−$3.50". */
export function formatUsd(value: string | null | undefined): string {
  if (value == null || value === '') return '—';
  const rounded = roundDecimal(value, 2);
  const negative = rounded.startsWith('-');
  return `${negative ? '−' : ''}$${group(negative ? rounded.slice(1) : rounded)}`;
}

/**
 * Credits with at most 2 fraction digits ("9.995485" → "10", "1234.5" → "1,234.5"), trailing
 * zeros dropped; an amount under 0.01 (but not 0) keeps the digits it needs ("0.000450" → "0.00045").
 */
export function formatCredits(value: string | null | undefined): string {
  if (value == null || value === '') return '—';
  const negative = value.trim().startsWith('-');
  const magnitude = negative ? value.trim().slice(1) : value.trim();
  const small = /^0*\.(\d*)$/.test(magnitude) || /^0+(\.\d*)?$/.test(magnitude);
  let text: string;
  if (small && !/^0*(\.0*)?$/.test(magnitude) && roundDecimal(magnitude, 2) === '0.00') {
    text = magnitude.replace(/0+$/, '').replace(/^0*\./, '0.');
  } else {
    text = roundDecimal(magnitude, 2).replace(/\.?0+$/, '');
    if (text === '') text = '0';
  }
  return `${negative && text !== '0' ? '−' : ''}${group(text)}`;
}

/** A percentage string from the API ("12.34") → "12.3%", "-5.55" → "−5.6%" (the minus the money figures use); null → "—". */
export function formatPercent(value: string | null | undefined): string {
  if (value == null || value === '') return '—';
  const rounded = roundDecimal(value, 1);
  return rounded.startsWith('-') ? `−${rounded.slice(1)}%` : `${rounded}%`;
}
