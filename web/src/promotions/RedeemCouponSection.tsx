import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { displayCredits } from '../credits/money';
import { Alert } from '../ui/Alert';
import { formatDateTime } from '../ui/format-date';
import { CouponField } from './CouponField';
import { describeCouponError } from './coupon-reason';
import { useCouponCheck } from './useCouponCheck';
import { useRedeemCoupon } from './useRedeemCoupon';

type Outcome = { tone: 'info'; text: string; credits: string } | { tone: 'error'; text: string };

/**
 * Redeem a code: credits coupons and free months apply at once; a discount coupon is only checked
 * here and is entered at a checkout on the Billing page.
 */
export function RedeemCouponSection() {
  // `?coupon=` comes from sign-up when its coupon was refused: the code is back here, its preview says why.
  const [params] = useSearchParams();
  const [input, setInput] = useState(() => params.get('coupon') ?? '');
  const { code, preview } = useCouponCheck(input);
  const { redeem, pending } = useRedeemCoupon();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const discount = preview.state === 'valid' && (preview.offer.kind === 'PERCENT_OFF' || preview.offer.kind === 'AMOUNT_OFF');

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (code === '' || pending || discount) return;
    setOutcome(null);
    try {
      const result = await redeem(code);
      if (!result) return;
      const text =
        result.coupon.kind === 'FREE_MONTH'
          ? `A free month of ${result.tierCode ?? 'the tier'} is yours, with ${displayCredits(result.credits)} credits${result.endsAt ? `, until ${formatDateTime(result.endsAt)}` : ''}.`
          : `${displayCredits(result.credits)} credits added to your balance.`;
      setOutcome({ tone: 'info', text, credits: result.credits });
      setInput('');
    } catch (failure) {
      setOutcome({ tone: 'error', text: describeCouponError(failure) });
    }
  };

  return (
    <section className="promotions-section" aria-labelledby="redeem-title">
      <h2 id="redeem-title">Redeem a coupon</h2>
      <div className="card promotions-card">
        <form className="promotions-form" onSubmit={(event) => void onSubmit(event)} noValidate data-testid="redeem-form">
          <CouponField
            name="redeem-code"
            label="Coupon code"
            value={input}
            onChange={(value) => {
              setInput(value);
              setOutcome(null);
            }}
            preview={preview}
          />
          {discount && <p className="muted">Enter this code at a checkout on the Billing page.</p>}
          <div className="promotions-actions">
            <button type="submit" className="button button-primary" disabled={pending || code === '' || discount} data-testid="redeem-button">
              {pending ? 'Redeeming…' : 'Redeem'}
            </button>
          </div>
        </form>
        {outcome?.tone === 'info' && (
          <Alert tone="info" testId="redeem-result">
            <span data-credits={outcome.credits}>{outcome.text}</span>
          </Alert>
        )}
        {outcome?.tone === 'error' && <Alert testId="redeem-problem">{outcome.text}</Alert>}
      </div>
    </section>
  );
}
