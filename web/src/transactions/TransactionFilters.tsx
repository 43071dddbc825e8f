import { AttributionFilter } from './AttributionFilter';
import { hasFilters, NO_FILTERS, type TransactionFilters as Filters } from './filters';
import { TypeFilter } from './TypeFilter';
import type { AttributionOption } from './useAttributionOptions';

interface Props {
  value: Filters;
  onChange: (filters: Filters) => void;
  problem?: string;
  /** A team's owner or admin: the members and keys to filter by. */
  attribution?: { members: readonly AttributionOption[]; keys: readonly AttributionOption[] };
}

export function TransactionFilters({ value, onChange, problem, attribution }: Props) {
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
      {attribution && (
        <AttributionFilter
          members={attribution.members}
          keys={attribution.keys}
          memberId={value.memberId}
          apiKeyId={value.apiKeyId}
          onChange={(next) => onChange({ ...value, ...next })}
        />
      )}
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
