import { TextField } from '../../ui/TextField';
import type { PriceErrors, PriceFormValues } from './price-form';

interface Props {
  values: PriceFormValues;
  errors: PriceErrors;
  /** datetime-local `min`: now, in the admin's time zone. */
  minEffectiveAt: string;
  onChange: (next: Partial<PriceFormValues>) => void;
}

export function PriceFields({ values, errors, minEffectiveAt, onChange }: Props) {
  const usd = { inputMode: 'decimal' as const, autoComplete: 'off', spellCheck: false };
  return (
    <>
      <div className="price-fields">
        <TextField name="price-input" label="Input (USD / 1M)" {...usd} value={values.input} onChange={(input) => onChange({ input })} error={errors.input} />
        <TextField
          name="price-output"
          label="Output (USD / 1M)"
          {...usd}
          value={values.output}
          onChange={(output) => onChange({ output })}
          error={errors.output}
        />
      </div>
      <TextField
        name="price-cached"
        label="Cached input (USD / 1M, optional)"
        {...usd}
        value={values.cachedInput}
        onChange={(cachedInput) => onChange({ cachedInput })}
        error={errors.cachedInput}
        hint="Empty when the provider gives no discount for cached prompt tokens. At most 3 decimals everywhere."
      />
      <fieldset className="field">
        <legend>Takes effect</legend>
        <label className="checkbox">
          <input type="radio" name="timing" checked={values.timing === 'now'} onChange={() => onChange({ timing: 'now' })} data-testid="price-timing-now" />
          <span>Now: the next request is charged at it</span>
        </label>
        <label className="checkbox">
          <input
            type="radio"
            name="timing"
            checked={values.timing === 'later'}
            onChange={() => onChange({ timing: 'later' })}
            data-testid="price-timing-later"
          />
          <span>Later, from a date and time of your choosing</span>
        </label>
      </fieldset>
      {values.timing === 'later' && (
        <TextField
          name="price-effective"
          label="Effective from (your local time)"
          type="datetime-local"
          min={minEffectiveAt}
          value={values.effectiveAt}
          onChange={(effectiveAt) => onChange({ effectiveAt })}
          error={errors.effectiveAt}
          hint="Requests that start before then keep the current price."
        />
      )}
    </>
  );
}
