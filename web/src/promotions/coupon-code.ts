/**
 * Coupon codes as typed: codes are case-insensitive on the server, so the field only trims and
 * upper-cases (what the server stores and shows); the preview waits for something that can be a code.
 */
export const COUPON_CODE_MAX = 64;

export function normalizeCouponCode(input: string): string {
  return input.trim().toUpperCase();
}

/** Worth asking the server about: 3 to 64 letters, digits, dashes or underscores. */
export function couponCodeLooksValid(code: string): boolean {
  return /^[A-Z0-9_-]{3,64}$/.test(code);
}
