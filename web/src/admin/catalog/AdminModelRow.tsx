import { graphql } from '../../gql';
import type { AdminModelRow_ModelFragment } from '../../gql/graphql';
import { displayUsd } from '../../models/format';
import { PriceClassBadge } from '../../models/PriceClassBadge';
import { formatDate, formatDateTime } from '../../ui/format-date';
import { ActiveToggle } from './ActiveToggle';

export const AdminModelRowFragment = graphql(`
  fragment AdminModelRow_Model on Model {
    id
    displayName
    provider
    priceClass
    inputUsdPerMTok
    outputUsdPerMTok
    cachedInputUsdPerMTok
    priceEffectiveFrom
    active
  }
`);

export type AdminModel = AdminModelRow_ModelFragment;

interface Props {
  model: AdminModel;
  busy: boolean;
  onToggle: (model: AdminModel) => void;
  onEditPrice: (model: AdminModel) => void;
  onHistory: (model: AdminModel) => void;
}

export function AdminModelRow({ model, busy, onToggle, onEditPrice, onHistory }: Props) {
  return (
    <tr className={model.active ? undefined : 'is-inactive'} data-testid="admin-model-row" data-model={model.id} data-active={String(model.active)}>
      <td data-label="Model" className="model-cell-name">
        <span>
          <span className="model-name">{model.displayName}</span>
          <code className="model-id">{model.id}</code>
        </span>
      </td>
      <td data-label="Class">
        <PriceClassBadge priceClass={model.priceClass} />
      </td>
      <td data-label="Input / 1M" className="num" data-testid="admin-model-input">
        {displayUsd(model.inputUsdPerMTok)}
      </td>
      <td data-label="Output / 1M" className="num" data-testid="admin-model-output">
        {displayUsd(model.outputUsdPerMTok)}
      </td>
      <td data-label="Cached / 1M" className="num">
        {model.cachedInputUsdPerMTok ? displayUsd(model.cachedInputUsdPerMTok) : <span className="muted">—</span>}
      </td>
      <td data-label="Since" className="admin-model-since" title={formatDateTime(model.priceEffectiveFrom)}>
        {formatDate(model.priceEffectiveFrom)}
      </td>
      <td data-label="Active">
        <ActiveToggle active={model.active} busy={busy} label={model.displayName} onToggle={() => onToggle(model)} />
      </td>
      <td className="cell-actions">
        <span className="row-actions">
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => onEditPrice(model)}
            aria-label={`Edit price: ${model.displayName}`}
            data-testid="edit-price"
          >
            Edit price
          </button>
          <button
            type="button"
            className="button button-ghost button-small"
            onClick={() => onHistory(model)}
            aria-label={`Price history: ${model.displayName}`}
            data-testid="price-history-open"
          >
            History
          </button>
        </span>
      </td>
    </tr>
  );
}
