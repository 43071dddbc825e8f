import { AdminModelRow, type AdminModel } from './AdminModelRow';

interface Props {
  models: readonly AdminModel[];
  busy: boolean;
  onToggle: (model: AdminModel) => void;
  onEditPrice: (model: AdminModel) => void;
  onHistory: (model: AdminModel) => void;
}

export function AdminModelTable({ models, ...handlers }: Props) {
  return (
    <table className="table table-reflow admin-models-table" data-testid="admin-models-table">
      <thead>
        <tr>
          <th scope="col">Model</th>
          <th scope="col">Class</th>
          <th scope="col" className="num">
            Input / 1M
          </th>
          <th scope="col" className="num">
            Output / 1M
          </th>
          <th scope="col" className="num">
            Cached / 1M
          </th>
          <th scope="col">Price since</th>
          <th scope="col">Active</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {models.map((model) => (
          <AdminModelRow key={model.id} model={model} {...handlers} />
        ))}
      </tbody>
    </table>
  );
}
