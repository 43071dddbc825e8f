import type { AuditFilters } from './useAdminAuditLog';

interface Props {
  filters: AuditFilters;
  onChange: (next: AuditFilters) => void;
}

const FIELDS: { key: keyof AuditFilters; label: string; placeholder: string }[] = [
  { key: 'action', label: 'Action', placeholder: 'e.g. adminSetTier' },
  { key: 'actorId', label: 'Admin id', placeholder: 'who acted' },
  { key: 'targetId', label: 'Target id', placeholder: 'e.g. a user id' },
];

/** The log's filters; each is exact (the server matches the whole value). */
export function AuditFilterFields({ filters, onChange }: Props) {
  return (
    <div className="audit-filters">
      {FIELDS.map(({ key, label, placeholder }) => (
        <div className="field" key={key}>
          <label htmlFor={`audit-filter-${key}`}>{label}</label>
          <input
            id={`audit-filter-${key}`}
            type="search"
            autoComplete="off"
            spellCheck={false}
            placeholder={placeholder}
            value={filters[key]}
            onChange={(event) => onChange({ ...filters, [key]: event.target.value })}
            data-testid={`audit-filter-${key}`}
          />
        </div>
      ))}
    </div>
  );
}
