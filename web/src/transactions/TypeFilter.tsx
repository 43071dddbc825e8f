import type { TransactionType } from '../gql/graphql';
import { TRANSACTION_TYPES, TRANSACTION_TYPE_LABELS } from './transaction-types';

interface Props {
  value: readonly TransactionType[];
  onChange: (types: TransactionType[]) => void;
}

/** A multi-select as toggle chips: every option visible, one click each, no held modifier keys. */
export function TypeFilter({ value, onChange }: Props) {
  const toggle = (type: TransactionType, on: boolean) => onChange(TRANSACTION_TYPES.filter((t) => (t === type ? on : value.includes(t))));
  return (
    <fieldset className="field type-filter">
      <legend>Types {value.length === 0 && <span className="muted">(all)</span>}</legend>
      <div className="toggle-chips">
        {TRANSACTION_TYPES.map((type) => (
          <label key={type} className="toggle-chip">
            <input
              type="checkbox"
              checked={value.includes(type)}
              onChange={(event) => toggle(type, event.target.checked)}
              data-testid={`type-filter-${type}`}
            />
            <span>{TRANSACTION_TYPE_LABELS[type]}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
