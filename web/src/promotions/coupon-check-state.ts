import { couponCodeLooksValid } from './coupon-code';
import { couponPreview, type CouponOffer, type CouponPreview } from './coupon-preview';

interface Input {
  /** The code as typed, normalized. */
  code: string;
  /** The code once typing paused (what was asked about). */
  settled: string;
  /** The server's answer for `settled`, once it arrived (never one for an older code). */
  answer?: { valid: boolean; reason?: string | null; offer: CouponOffer | null };
  /** The check itself failed (network, server): not a refusal of the code. */
  failed?: boolean;
}

/**
 * What the coupon field's preview shows: nothing for an empty field, "checking" while typing or
 * asking, a format hint for what cannot be a code, else the server's verdict.
 */
export function previewFor({ code, settled, answer, failed = false }: Input): CouponPreview {
  if (code === '') return { state: 'idle' };
  if (settled !== code) return { state: 'checking' };
  if (!couponCodeLooksValid(code)) return { state: 'invalid', reason: 'NOT_FOUND', text: 'A coupon code is letters and digits, such as WELCOME10.' };
  if (answer) return couponPreview(answer);
  if (failed) return { state: 'invalid', reason: 'UNKNOWN', text: 'The code could not be checked right now.' };
  return { state: 'checking' };
}
