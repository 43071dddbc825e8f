import { CREDIT_FRACTION_DIGITS, creditCapProblem, CreditsFormatError, formatCredits, MAX_CREDIT_AMOUNT_MICRO, parseCredits } from '@tollgate/shared';
import { formatCredits as formatShortCredits } from '../ui/format-money';

/**
 * Credit amounts in forms and on screen. The API sends and takes exact decimal strings; these
 * helpers only ever go through @tollgate/shared's bigint micro-credits, never a float.
 */

/**
 * Why `input` is not an amount the API accepts, or undefined when it is: the server's own rules
 * (parseCredits: digits, at most 6 decimals, no sign), above zero unless `allowZero`, and at most
 * `max` micro-credits (default the ledger's per-request cap, MAX_CREDIT_AMOUNT_MICRO).
 */
export function amountProblem(input: string, { allowZero = false, max = MAX_CREDIT_AMOUNT_MICRO } = {}): string | undefined {
  const text = input.trim();
  if (text === '') return 'Enter an amount';
  let micro: bigint;
  try {
    micro = parseCredits(text);
  } catch (error) {
    if (!(error instanceof CreditsFormatError)) throw error;
    if (/^[+-]/.test(text)) return 'Enter the amount without a sign';
    if (/^\d*\.\d+$/.test(text) && text.split('.')[1]!.length > CREDIT_FRACTION_DIGITS) {
      return `Use at most ${CREDIT_FRACTION_DIGITS} decimal places`;
    }
    return 'Enter a number such as 12.5';
  }
  if (!allowZero && micro === 0n) return 'Amount must be greater than zero';
  return creditCapProblem(micro, max);
}

/** The API's exact form of a valid amount: "12.5" → "12.500000". Throws on invalid input. */
export function exactCredits(input: string): string {
  return formatCredits(parseCredits(input.trim()));
}

/** A signed API amount ("-2.500000") in micro-credits. */
export function signedMicro(amount: string): bigint {
  return amount.startsWith('-') ? -parseCredits(amount.slice(1)) : parseCredits(amount);
}

/**
 * An API amount for reading, in the one short format of the app (ui/format-money's formatCredits:
 * 2 decimals, "1234.500000" → "1,234.50", tiny amounts keep their digits "0.000120" → "0.00012").
 * `signed` adds "+" to positive amounts; negatives always carry a minus sign.
 */
export function displayCredits(amount: string, { signed = false } = {}): string {
  return formatShortCredits(amount, { signed });
}

/** An API amount as someone would type it: "5.000000" → "5", "12.500000" → "12.5". */
export function plainCredits(amount: string): string {
  const [whole, fraction = ''] = formatCredits(signedMicro(amount)).split('.');
  const trimmed = fraction.replace(/0+$/, '');
  return trimmed ? `${whole}.${trimmed}` : whole!;
}
