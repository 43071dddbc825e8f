import { getFragmentData, graphql, type FragmentType } from '../gql';
import { TimeCell } from '../ui/TimeCell';
import { maskedKey, providerName } from './provider-key-form';

export const ProviderKeyRowFragment = graphql(`
  fragment ProviderKeyRow_ProviderKey on ProviderKey {
    id
    provider
    last4
    createdAt
    lastUsedAt
  }
`);

export interface KeyToDelete {
  id: string;
  provider: string;
  last4: string;
}

interface Props {
  providerKey: FragmentType<typeof ProviderKeyRowFragment>;
  onDelete: (key: KeyToDelete) => void;
}

export function ProviderKeyRow({ providerKey, onDelete }: Props) {
  const key = getFragmentData(ProviderKeyRowFragment, providerKey);
  return (
    <tr data-testid="provider-key-row" data-provider={key.provider}>
      <td data-label="Provider">{providerName(key.provider)}</td>
      <td data-label="Key">
        <code data-testid="provider-key-masked">{maskedKey(key.last4)}</code>
      </td>
      <TimeCell label="Added" at={key.createdAt} />
      <TimeCell label="Last used" at={key.lastUsedAt} />
      <td className="cell-actions">
        <button
          type="button"
          className="button button-danger-ghost"
          onClick={() => onDelete({ id: key.id, provider: key.provider, last4: key.last4 })}
          data-testid="delete-provider-key"
        >
          Delete
        </button>
      </td>
    </tr>
  );
}
