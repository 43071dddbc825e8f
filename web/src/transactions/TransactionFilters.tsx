import { hasFilters, NO_FILTERS, type TransactionFilters as Filters } from './filters';
import { TypeFilter } from './TypeFilter';

interface Props {
  value: Filters;
  onChange: (filters: Filters) => void;
  problem?: string;
}

export function TransactionFilters({ value, onChange, problem }: Props) {
  const day = (name: 'from' | 'to', label: string) => (
    <div className={`field${problem ? ' field-invalid' : ''}`}>
      <label htmlFor={`tx-${name}`}>{label}</label>
      <input
        id={`tx-${name}`}
        type="date"
        value={value[name] ?? ''}
        max={name === 'from' ? (value.to ?? undefined) : undefined}
        min={name === 'to' ? (value.from ?? undefined) : undefined}
        onChange={(event) => onChange({ ...value, [name]: event.target.value || null })}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? 'tx-dates-error' : undefined}
        data-testid={`filter-${name}`}
      />
    </div>
  );
  return (
    <form className="card tx-filters" role="search" aria-label="Filter transactions" onSubmit={(event) => event.preventDefault()}>
      <TypeFilter value={value.types} onChange={(types) => onChange({ ...value, types })} />
      <div className="tx-dates">
        {day('from', 'From')}
        {day('to', 'To (inclusive)')}
        {hasFilters(value) && (
          <button type="button" className="button button-ghost" onClick={() => onChange(NO_FILTERS)} data-testid="clear-filters">
            Clear filters
          </button>
        )}
      </div>
      {problem && (
        <p id="tx-dates-error" className="field-error" data-testid="filter-error">
          {problem}
        </p>
      )}
    </form>
  );
}
