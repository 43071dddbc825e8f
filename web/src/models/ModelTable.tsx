import { DataTable, type DataColumn } from '../ui/DataTable';
import { ModelRow, type ModelRowModel } from './ModelRow';
import type { ModelSort, ModelSortKey } from './model-sort';
import { SortHeader } from './SortHeader';

interface Props {
  models: readonly ModelRowModel[];
  sort: ModelSort;
  onSort: (key: ModelSortKey) => void;
  tierName: string;
}

const SORTABLE: { column: ModelSortKey; label: string; numeric?: boolean; title?: string }[] = [
  { column: 'name', label: 'Model' },
  { column: 'provider', label: 'Provider' },
  { column: 'class', label: 'Class', title: 'Price class, by the output price per 1M tokens' },
  { column: 'input', label: 'Input / 1M', numeric: true, title: 'What 1M input tokens cost you, in credits, markup included' },
  { column: 'output', label: 'Output / 1M', numeric: true, title: 'What 1M output tokens cost you, in credits, markup included' },
  { column: 'list', label: 'List price', numeric: true, title: "The provider's price per 1M input / output tokens, in USD" },
  { column: 'context', label: 'Context', numeric: true, title: 'Context window, in tokens' },
  { column: 'allowed', label: 'For you', title: 'Whether your tier includes it and it can run for you now' },
];

/** The models in the order given (already sorted and filtered), with sortable column headers. */
export function ModelTable({ models, sort, onSort, tierName }: Props) {
  const columns: DataColumn[] = [
    ...SORTABLE.map((column) => ({ label: column.label, header: <SortHeader {...column} sort={sort} onSort={onSort} /> })),
    { label: 'Actions', hiddenLabel: true },
  ];
  return (
    <DataTable
      columns={columns}
      rows={models}
      rowKey={(model) => model.id}
      renderRow={(model) => <ModelRow model={model} tierName={tierName} />}
      testId="models-table"
      className="models-table"
    />
  );
}
