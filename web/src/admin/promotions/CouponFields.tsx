import { TextField } from '../../ui/TextField';
import { COUPON_KINDS, type CouponField, type CouponFormValues } from './coupon-form';
import type { CouponKind } from '../../promotions/coupon-preview';

interface Props {
  values: CouponFormValues;
  errors: Partial<Record<CouponField, string>>;
  onChange: (next: Partial<CouponFormValues>) => void;
  /** Codes are typed for one coupon; a campaign generates them, so the generator hides this field. */
  withCode?: boolean;
  /** Test id and name prefix, so the editor and the generator can share a page. */
  prefix: string;
}

/** What a coupon gives and its limits: shared by the coupon editor and the campaign generator. */
export function CouponFields({ values, errors, onChange, withCode = true, prefix }: Props) {
  const text = (field: CouponField, label: string, hint?: string, type = 'text') => (
    <TextField
      name={`${prefix}-${field}`}
      label={label}
      type={type}
      value={String(values[field])}
      onChange={(value) => onChange({ [field]: value })}
      error={errors[field]}
      hint={hint}
    />
  );
  return (
    <div className="coupon-fields">
      {withCode && text('code', 'Code', 'Case-insensitive; stored upper-case, e.g. WELCOME10.')}
      <div className="field">
        <label htmlFor={`${prefix}-kind`}>Kind</label>
        <select
          id={`${prefix}-kind`}
          className="select"
          value={values.kind}
          onChange={(event) => onChange({ kind: event.target.value as CouponKind })}
          data-testid={`${prefix}-kind`}
        >
          {COUPON_KINDS.map(({ kind, label }) => (
            <option key={kind} value={kind}>
              {label}
            </option>
          ))}
        </select>
      </div>
      {values.kind === 'CREDITS' && text('credits', 'Credits granted')}
      {values.kind === 'CREDITS' && text('creditsExpireDays', 'Credits expire after (days)', 'Counted from each redemption; empty: never.')}
      {values.kind === 'PERCENT_OFF' && text('percentOff', 'Percent off', 'Whole percent, 1 to 100.')}
      {values.kind === 'AMOUNT_OFF' && text('amountOffUsd', 'Amount off (USD)', 'Dollars and cents, e.g. 5 or 9.99.')}
      {values.kind === 'FREE_MONTH' && text('tierCode', 'Tier code', 'The tier given for free, e.g. starter.')}
      {withCode && text('maxRedemptions', 'Max redemptions overall', 'Empty for no limit.')}
      {withCode && text('perUserLimit', 'Per-user limit', 'How often one user may redeem it.')}
      {text('startsOn', 'Starts on', 'Empty: at once.', 'date')}
      {text('expiresOn', 'Expires after', 'Empty: never. The whole day counts.', 'date')}
      {(values.kind === 'PERCENT_OFF' || values.kind === 'AMOUNT_OFF') &&
        text('appliesTo', 'Applies to', 'Package or tier codes, comma-separated; empty for every checkout.')}
      <label className="checkbox">
        <input
          type="checkbox"
          checked={values.firstPurchaseOnly}
          onChange={(event) => onChange({ firstPurchaseOnly: event.target.checked })}
          data-testid={`${prefix}-firstPurchaseOnly`}
        />
        First purchase only
      </label>
      {text('note', 'Note', 'For admins: who it is for, which partnership.')}
    </div>
  );
}
