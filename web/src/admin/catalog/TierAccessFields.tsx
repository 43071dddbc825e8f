import { useId } from 'react';
import type { PriceClass } from '../../gql/graphql';
import { PRICE_CLASSES, PRICE_CLASS_HINTS, PRICE_CLASS_LABELS } from '../../models/price-class';
import type { TierErrors, TierFormValues } from './tier-form';

interface Props {
  values: TierFormValues;
  errors: TierErrors;
  onChange: (next: Partial<TierFormValues>) => void;
}

/** Which models the tier reaches (by class and by name) and whether users may bring their own keys. */
export function TierAccessFields({ values, errors, onChange }: Props) {
  const id = useId();
  const toggle = (priceClass: PriceClass, on: boolean) =>
    onChange({ allowedPriceClasses: PRICE_CLASSES.filter((c) => (c === priceClass ? on : values.allowedPriceClasses.includes(c))) });
  return (
    <>
      <fieldset className={`field${errors.allowedPriceClasses ? ' field-invalid' : ''}`}>
        <legend>Price classes</legend>
        <div className="tier-classes">
          {PRICE_CLASSES.map((priceClass) => (
            <label key={priceClass} className="checkbox" title={PRICE_CLASS_HINTS[priceClass]}>
              <input
                type="checkbox"
                checked={values.allowedPriceClasses.includes(priceClass)}
                onChange={(event) => toggle(priceClass, event.target.checked)}
                data-testid={`tier-class-${priceClass}`}
              />
              <span>{PRICE_CLASS_LABELS[priceClass]}</span>
            </label>
          ))}
        </div>
        {errors.allowedPriceClasses && <p className="field-error">{errors.allowedPriceClasses}</p>}
      </fieldset>
      <div className={`field${errors.allowedModels ? ' field-invalid' : ''}`}>
        <label htmlFor={`${id}-models`}>Models by name (optional)</label>
        <textarea
          id={`${id}-models`}
          rows={3}
          spellCheck={false}
          value={values.allowedModels}
          placeholder="openai/gpt-4o"
          onChange={(event) => onChange({ allowedModels: event.target.value })}
          aria-invalid={errors.allowedModels ? true : undefined}
          aria-describedby={`${id}-models-note`}
          data-testid="tier-models-input"
        />
        <p id={`${id}-models-note`} className={errors.allowedModels ? 'field-error' : 'field-hint'}>
          {errors.allowedModels ?? 'One model id per line, allowed whatever its class.'}
        </p>
      </div>
      <label className="checkbox tier-byok">
        <input type="checkbox" checked={values.byokAllowed} onChange={(event) => onChange({ byokAllowed: event.target.checked })} data-testid="tier-byok" />
        <span>Users may call with their own provider keys (no markup)</span>
      </label>
    </>
  );
}
