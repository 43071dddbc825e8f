import { getFragmentData, graphql, type FragmentType } from '../gql';
import { displayPrefix, formatDateTime } from './format';
import type { KeyToRevoke } from './RevokeApiKeyDialog';
import { TimeCell } from '../ui/TimeCell';

export const ApiKeyRowFragment = graphql(`
  fragment ApiKeyRow_ApiKey on ApiKey {
    id
    name
    prefix
    scopes
    createdAt
    lastUsedAt
    revokedAt
  }
`);

interface Props {
  apiKey: FragmentType<typeof ApiKeyRowFragment>;
  onRevoke: (key: KeyToRevoke) => void;
}

export function ApiKeyRow({ apiKey, onRevoke }: Props) {
  const key = getFragmentData(ApiKeyRowFragment, apiKey);
  const revoked = key.revokedAt !== null;
  return (
    <tr className={revoked ? 'row-revoked' : undefined} data-testid="api-key-row" data-revoked={revoked}>
      <td data-label="Name" data-testid="api-key-name">
        {key.name}
      </td>
      <td data-label="Key">
        <code data-testid="api-key-prefix">{displayPrefix(key.prefix)}</code>
      </td>
      <td data-label="Scopes">
        <span className="chips">
          {key.scopes.map((scope) => (
            <span key={scope} className="chip">
              {scope}
            </span>
          ))}
        </span>
      </td>
      <TimeCell label="Created" at={key.createdAt} />
      <TimeCell label="Last used" at={key.lastUsedAt} />
      <td data-label="Status">
        {key.revokedAt ? (
          <span className="badge badge-muted" data-testid="api-key-status" title={`Revoked ${formatDateTime(key.revokedAt)}`}>
            Revoked
          </span>
        ) : (
          <span className="badge badge-success" data-testid="api-key-status">
            Active
          </span>
        )}
      </td>
      <td className="cell-actions">
        {!revoked && (
          <button
            type="button"
            className="button button-danger-ghost"
            onClick={() => onRevoke({ id: key.id, name: key.name, prefix: key.prefix })}
            data-testid="revoke-api-key"
          >
            Revoke
          </button>
        )}
      </td>
    </tr>
  );
}
