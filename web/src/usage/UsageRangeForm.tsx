import { useId } from 'react';
import { rangeProblem, thisMonth, type UsageRange } from './usage-range';

interface Props {
  range: UsageRange;
  now: Date;
  onChange: (range: UsageRange) => void;
}

/** From and to, whole UTC days, both included; "This month" puts the default back. */
export function UsageRangeForm({ range, now, onChange }: Props) {
  const id = useId();
  const problem = rangeProblem(range);
  const month = thisMonth(now);
  const isMonth = range.from === month.from && range.to === month.to;
  return (
    <div className="usage-range" role="group" aria-label="Date range">
      <div className={`field${problem ? ' field-invalid' : ''}`}>
        <label htmlFor={`${id}-from`}>From</label>
        <input
          id={`${id}-from`}
          type="date"
          value={range.from}
          max={range.to}
          onChange={(event) => onChange({ ...range, from: event.target.value })}
          data-testid="usage-from"
        />
      </div>
      <div className={`field${problem ? ' field-invalid' : ''}`}>
        <label htmlFor={`${id}-to`}>To</label>
        <input
          id={`${id}-to`}
          type="date"
          value={range.to}
          min={range.from}
          onChange={(event) => onChange({ ...range, to: event.target.value })}
          data-testid="usage-to"
        />
      </div>
      <button type="button" className="button button-secondary" disabled={isMonth} onClick={() => onChange(month)} data-testid="usage-this-month">
        This month
      </button>
      <p className={problem ? 'field-error' : 'field-hint'} data-testid="usage-range-note">
        {problem ?? 'Whole days in UTC, both included.'}
      </p>
    </div>
  );
}
