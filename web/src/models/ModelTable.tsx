import { ModelRow, type ModelRowModel } from './ModelRow';
import type { ModelSort, ModelSortKey } from './model-sort';
import { SortHeader } from './SortHeader';

interface Props {
  models: readonly ModelRowModel[];
  sort: ModelSort;
  onSort: (key: ModelSortKey) => void;
  tierName: string;
}

/** The models in the order given (already sorted and filtered), with sortable column headers. */
export function ModelTable({ models, sort, onSort, tierName }: Props) {
  const header = (column: ModelSortKey, label: string, extra: { numeric?: boolean; title?: string } = {}) => (
    <SortHeader column={column} label={label} sort={sort} onSort={onSort} {...extra} />
  );
  return (
    <table className="table table-reflow models-table" data-testid="models-table">
      <thead>
        <tr>
          {header('name', 'Model')}
          {header('provider', 'Provider')}
          {header('class', 'Class', { title: 'Price class, by the output price per 1M tokens' })}
          {header('input', 'Input / 1M', { numeric: true, title: 'What 1M input tokens cost you, in credits, markup included' })}
          {header('output', 'Output / 1M', { numeric: true, title: 'What 1M output tokens cost you, in credits, markup included' })}
          {header('list', 'List price', { numeric: true, title: "The provider's price per 1M input / output tokens, in USD" })}
          {header('context', 'Context', { numeric: true, title: 'Context window, in tokens' })}
          {header('allowed', 'Your tier')}
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {models.map((model) => (
          <ModelRow key={model.id} model={model} tierName={tierName} />
        ))}
      </tbody>
    </table>
  );
}
