import type { FragmentType } from '../gql';
import { ApiKeyRow, type ApiKeyRowFragment } from './ApiKeyRow';
import type { KeyToRevoke } from './RevokeApiKeyDialog';

interface Props {
  keys: readonly ({ id: string } & FragmentType<typeof ApiKeyRowFragment>)[];
  onRevoke: (key: KeyToRevoke) => void;
}

export function ApiKeyTable({ keys, onRevoke }: Props) {
  if (keys.length === 0) {
    return (
      <p className="empty" data-testid="api-keys-empty">
        No API keys yet. Create one above to start calling models.
      </p>
    );
  }
  return (
    <table className="table table-reflow" data-testid="api-keys-table">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Key</th>
          <th scope="col">Scopes</th>
          <th scope="col">Created</th>
          <th scope="col">Last used</th>
          <th scope="col">Status</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {keys.map((key) => (
          <ApiKeyRow key={key.id} apiKey={key} onRevoke={onRevoke} />
        ))}
      </tbody>
    </table>
  );
}
