import type { AttributionOption } from './useAttributionOptions';

interface Props {
  members: readonly AttributionOption[];
  keys: readonly AttributionOption[];
  memberId: string | null;
  apiKeyId: string | null;
  onChange: (next: { memberId: string | null; apiKeyId: string | null }) => void;
}

/**
 * A team's history by member and by key (owners and admins). A filter from a link that names a
 * member or key no longer listed stays selectable, so the view does not silently widen.
 */
export function AttributionFilter({ members, keys, memberId, apiKeyId, onChange }: Props) {
  const select = (id: 'member' | 'key', label: string, any: string, options: readonly AttributionOption[], value: string | null) => {
    const listed = value === null || options.some((option) => option.id === value);
    return (
      <div className="field">
        <label htmlFor={`tx-${id}`}>{label}</label>
        <select
          id={`tx-${id}`}
          value={value ?? ''}
          onChange={(event) => {
            const next = event.target.value || null;
            onChange(id === 'member' ? { memberId: next, apiKeyId } : { memberId, apiKeyId: next });
          }}
          data-testid={`filter-${id}`}
        >
          <option value="">{any}</option>
          {!listed && <option value={value}>{value}</option>}
          {options.map((option) => (
            <option key={option.id} value={option.id}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
    );
  };
  return (
    <div className="tx-attribution">
      {select('member', 'Member', 'Every member', members, memberId)}
      {select('key', 'API key', 'Every key', keys, apiKeyId)}
    </div>
  );
}
