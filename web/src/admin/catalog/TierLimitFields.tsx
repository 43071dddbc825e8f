import { TextField } from '../../ui/TextField';
import { OVERAGE_POLICIES, type OveragePolicy, type TierErrors, type TierFormValues } from './tier-form';

interface Props {
  values: TierFormValues;
  errors: TierErrors;
  onChange: (next: Partial<TierFormValues>) => void;
}

/** Name, price, credits and the numeric limits. */
export function TierLimitFields({ values, errors, onChange }: Props) {
  const number = { inputMode: 'numeric' as const, autoComplete: 'off' };
  return (
    <div className="tier-editor-grid">
      <TextField name="tier-name" label="Name" autoComplete="off" value={values.name} onChange={(name) => onChange({ name })} error={errors.name} />
      <TextField
        name="tier-price"
        label="Price per month (USD)"
        inputMode="decimal"
        autoComplete="off"
        value={values.monthlyPriceUsd}
        onChange={(monthlyPriceUsd) => onChange({ monthlyPriceUsd })}
        error={errors.monthlyPriceUsd}
      />
      <TextField
        name="tier-credits"
        label="Monthly credits"
        inputMode="decimal"
        autoComplete="off"
        value={values.monthlyCredits}
        onChange={(monthlyCredits) => onChange({ monthlyCredits })}
        error={errors.monthlyCredits}
        hint="Granted each month; up to 6 decimals."
      />
      <TextField
        name="tier-tokens"
        label="Token allowance per month"
        {...number}
        value={values.monthlyTokenAllowance}
        onChange={(monthlyTokenAllowance) => onChange({ monthlyTokenAllowance })}
        error={errors.monthlyTokenAllowance}
      />
      <TextField
        name="tier-requests"
        label="Requests per month"
        {...number}
        value={values.monthlyRequestCap}
        onChange={(monthlyRequestCap) => onChange({ monthlyRequestCap })}
        error={errors.monthlyRequestCap}
      />
      <TextField
        name="tier-max-tokens"
        label="Max tokens per request"
        {...number}
        value={values.maxTokensPerRequest}
        onChange={(maxTokensPerRequest) => onChange({ maxTokensPerRequest })}
        error={errors.maxTokensPerRequest}
        hint="The largest output budget one request may ask for."
      />
      <TextField
        name="tier-rpm"
        label="Requests per minute"
        {...number}
        value={values.requestsPerMinute}
        onChange={(requestsPerMinute) => onChange({ requestsPerMinute })}
        error={errors.requestsPerMinute}
      />
      <TextField
        name="tier-markup"
        label="Markup (basis points)"
        {...number}
        placeholder="by price class"
        value={values.markupBps}
        onChange={(markupBps) => onChange({ markupBps })}
        error={errors.markupBps}
        hint="1000 = 10%. Empty: the price-class markup applies."
      />
      <div className="field">
        <label htmlFor="tier-overage">Past the token allowance</label>
        <select
          id="tier-overage"
          className="select"
          value={values.overage}
          onChange={(event) => onChange({ overage: event.target.value as OveragePolicy })}
          data-testid="tier-overage"
        >
          {OVERAGE_POLICIES.map((policy) => (
            <option key={policy} value={policy}>
              {policy === 'block' ? 'Refuse the request' : 'Charge from credits'}
            </option>
          ))}
        </select>
      </div>
      <TextField
        name="tier-overage-surcharge"
        label="Overage surcharge (basis points)"
        {...number}
        value={values.overageSurchargeBps}
        onChange={(overageSurchargeBps) => onChange({ overageSurchargeBps })}
        error={errors.overageSurchargeBps}
        hint="On top of the normal price for tokens past the allowance; 2500 = +25%."
      />
    </div>
  );
}
