import type { ModelSort, ModelSortKey } from './model-sort';

interface Props {
  column: ModelSortKey;
  label: string;
  sort: ModelSort;
  onSort: (key: ModelSortKey) => void;
  numeric?: boolean;
  title?: string;
}

/** A column header that sorts: a button inside the <th>, its state in aria-sort for screen readers. */
export function SortHeader({ column, label, sort, onSort, numeric, title }: Props) {
  const active = sort.key === column;
  const ariaSort = active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined;
  return (
    <th scope="col" className={numeric ? 'num' : undefined} aria-sort={ariaSort} title={title}>
      <button type="button" className={`sort-button${active ? ' is-active' : ''}`} onClick={() => onSort(column)} data-testid={`sort-${column}`}>
        {label}
        <span className="sort-arrow" aria-hidden="true">
          {active ? (sort.direction === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}
