import { formatCredits, parseCredits } from '@tollgate/shared';

/** `a − b` on `Credits` strings, exactly (bigint micro-credits), as a test states an expected balance. */
export function creditsMinus(a: string, b: string): string {
  return formatCredits(parseCredits(a) - parseCredits(b));
}

export function creditsPlus(...amounts: string[]): string {
  return formatCredits(amounts.reduce((total, amount) => total + parseCredits(amount), 0n));
}
