import { TextField } from '../ui/TextField';
import type { CouponPreview } from './coupon-preview';
import './promotions.css';

interface Props {
  value: string;
  onChange: (value: string) => void;
  preview: CouponPreview;
  /** The input's name (and test id `<name>-input`). */
  name?: string;
  label?: string;
  disabled?: boolean;
}

/**
 * A coupon code with its live preview underneath: what the code gives, or why it cannot be used,
 * asked of the server (validateCoupon) while typing, before anything is redeemed.
 */
export function CouponField({ value, onChange, preview, name = 'coupon', label = 'Coupon code (optional)', disabled }: Props) {
  return (
    <div className="coupon-field">
      <TextField name={name} label={label} value={value} onChange={onChange} autoComplete="off" spellCheck={false} disabled={disabled} />
      <p
        className={`coupon-preview coupon-preview-${preview.state}`}
        role="status"
        aria-live="polite"
        data-testid={`${name}-preview`}
        data-state={preview.state}
        data-credits={preview.state === 'valid' ? (preview.offer.credits ?? undefined) : undefined}
        data-reason={preview.state === 'invalid' ? preview.reason : undefined}
      >
        {preview.state === 'checking' && 'Checking the code…'}
        {(preview.state === 'valid' || preview.state === 'invalid') && preview.text}
      </p>
    </div>
  );
}
