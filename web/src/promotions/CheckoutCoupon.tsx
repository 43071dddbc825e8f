import { useState } from 'react';
import { Alert } from '../ui/Alert';
import { CouponField } from './CouponField';
import { useCouponCheck } from './useCouponCheck';

export interface CheckoutCouponState {
  input: string;
  setInput: (value: string) => void;
  preview: ReturnType<typeof useCouponCheck>['preview'];
  /** Why the checkout did not start (the code is not a usable discount), until the field changes. */
  blocked: string | null;
  /** Runs `start` with the code to pass as `couponCode` (undefined when the field is empty), unless the code cannot be used. */
  use: (start: (couponCode: string | undefined) => void) => void;
}

/**
 * A discount code for a checkout (buyCredits / subscribe `couponCode`). The server applies it, and
 * counts it once the payment succeeds; here a code the preview already refuses does not open a checkout.
 */
export function useCheckoutCoupon(): CheckoutCouponState {
  const [input, setInputState] = useState('');
  const [blocked, setBlocked] = useState<string | null>(null);
  const { code, preview } = useCouponCheck(input);
  const setInput = (value: string) => {
    setInputState(value);
    setBlocked(null);
  };
  const use = (start: (couponCode: string | undefined) => void) => {
    if (code === '') return start(undefined);
    if (preview.state === 'checking') return setBlocked('Checking the coupon code: try again in a moment.');
    if (preview.state === 'invalid') return setBlocked(`${preview.text} Clear the coupon field to check out without it.`);
    if (preview.state === 'valid' && (preview.offer.kind === 'CREDITS' || preview.offer.kind === 'FREE_MONTH')) {
      return setBlocked('This coupon is not a checkout discount: redeem it on the Promotions page instead.');
    }
    start(code);
  };
  return { input, setInput, preview, blocked, use };
}

export function CheckoutCoupon({ coupon, name }: { coupon: CheckoutCouponState; name: string }) {
  return (
    <div className="checkout-coupon">
      <CouponField name={name} label="Discount code (optional)" value={coupon.input} onChange={coupon.setInput} preview={coupon.preview} />
      {coupon.blocked && <Alert testId={`${name}-blocked`}>{coupon.blocked}</Alert>}
    </div>
  );
}
