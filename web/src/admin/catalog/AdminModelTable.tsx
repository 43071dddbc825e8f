import { DataTable, type DataColumn } from '../../ui/DataTable';
import { AdminModelRow, type AdminModel } from './AdminModelRow';

interface Props {
  models: readonly AdminModel[];
  busy: boolean;
  onToggle: (model: AdminModel) => void;
  onEditPrice: (model: AdminModel) => void;
  onHistory: (model: AdminModel) => void;
}

const COLUMNS: DataColumn[] = [
  { label: 'Model' },
  { label: 'Class' },
  { label: 'Input / 1M', numeric: true },
  { label: 'Output / 1M', numeric: true },
  { label: 'Cached / 1M', numeric: true },
  { label: 'Price since' },
  { label: 'Active' },
  { label: 'Actions', hiddenLabel: true },
];

export function AdminModelTable({ models, ...handlers }: Props) {
  return (
    <DataTable
      columns={COLUMNS}
      rows={models}
      rowKey={(model) => model.id}
      renderRow={(model) => <AdminModelRow model={model} {...handlers} />}
      testId="admin-models-table"
      className="admin-models-table"
    />
  );
}
