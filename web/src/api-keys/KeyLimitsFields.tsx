import { useId } from 'react';
import type { SpendPeriod } from '../gql/graphql';
import { SPEND_PERIOD_OPTIONS, toggleModel, type KeyLimitsErrors, type KeyLimitsValues } from './key-limits';

interface Props {
  value: KeyLimitsValues;
  onChange: (next: Partial<KeyLimitsValues>) => void;
  errors: KeyLimitsErrors;
  /** The ids of the models the acting account may use (its tier's); undefined while loading. */
  models: readonly string[] | undefined;
  /** Today as a local day: the earliest expiry the date box offers. */
  today: string;
}

/**
 * The three optional limits of a key, shared by "Create a key" and "Edit limits". The labels are
 * stable names the browser tests (and people with screen readers) find the fields by.
 */
export function KeyLimitsFields({ value, onChange, errors, models, today }: Props) {
  const id = useId();
  // A model chosen earlier that the tier no longer offers stays listed, so it can be unticked.
  const offered = [...new Set([...(models ?? []), ...value.models])].sort();
  return (
    <fieldset className="field key-limits" data-testid="key-limits">
      <legend>Limits (optional)</legend>
      <div className="key-limits-cap">
        <div className={`field${errors.capAmount ? ' field-invalid' : ''}`}>
          <label htmlFor={`${id}-cap`}>Spend cap (credits)</label>
          <input
            id={`${id}-cap`}
            inputMode="decimal"
            placeholder="no cap"
            value={value.capAmount}
            onChange={(event) => onChange({ capAmount: event.target.value })}
            aria-invalid={errors.capAmount ? true : undefined}
            aria-describedby={errors.capAmount ? `${id}-cap-error` : `${id}-cap-hint`}
            data-testid="key-cap-amount"
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-period`}>Cap period</label>
          <select
            id={`${id}-period`}
            value={value.capPeriod}
            onChange={(event) => onChange({ capPeriod: event.target.value as SpendPeriod })}
            data-testid="key-cap-period"
          >
            {SPEND_PERIOD_OPTIONS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      {errors.capAmount ? (
        <p id={`${id}-cap-error`} className="field-error" data-testid="key-cap-error">
          {errors.capAmount}
        </p>
      ) : (
        <p id={`${id}-cap-hint`} className="field-hint">
          Calls that would spend past the cap are refused until it resets: calendar periods in UTC (weeks start on Monday).
        </p>
      )}
      <div className={`field${errors.expiresOn ? ' field-invalid' : ''}`}>
        <label htmlFor={`${id}-expires`}>Expires after</label>
        <input
          id={`${id}-expires`}
          type="date"
          min={today}
          value={value.expiresOn}
          onChange={(event) => onChange({ expiresOn: event.target.value })}
          aria-invalid={errors.expiresOn ? true : undefined}
          data-testid="key-expires-on"
        />
        {errors.expiresOn ? (
          <p className="field-error" data-testid="key-expires-error">
            {errors.expiresOn}
          </p>
        ) : (
          <p className="field-hint">Leave empty for a key that never expires; it works until the end of the day chosen.</p>
        )}
      </div>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={value.restrictModels}
          onChange={(event) => onChange({ restrictModels: event.target.checked })}
          data-testid="key-restrict-models"
        />
        <span>Only some models</span>
      </label>
      {value.restrictModels && (
        <fieldset className="field key-models" aria-label="Allowed models" data-testid="key-models">
          {models === undefined && <p className="muted">Loading models…</p>}
          {offered.map((model) => (
            <label key={model} className="checkbox">
              <input
                type="checkbox"
                checked={value.models.includes(model)}
                onChange={(event) => onChange({ models: toggleModel(value.models, model, event.target.checked) })}
                data-testid={`key-model-${model}`}
              />
              <code>{model}</code>
            </label>
          ))}
          {errors.models && (
            <p className="field-error" data-testid="key-models-error">
              {errors.models}
            </p>
          )}
        </fieldset>
      )}
    </fieldset>
  );
}
