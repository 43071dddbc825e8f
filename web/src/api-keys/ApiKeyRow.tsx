import { getFragmentData, graphql, type FragmentType } from '../gql';
import type { ApiKeyRow_ApiKeyFragment } from '../gql/graphql';
import { displayPrefix, formatDateTime } from './format';
import { KeyLimitsCell } from './KeyLimitsCell';
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
    accountId
    ownerEmail
    cap {
      limit
      period
    }
    capSpend {
      cap {
        limit
        period
      }
      spent
      remaining
      periodStart
      resetsAt
    }
    expiresAt
    allowedModels
  }
`);

export type ApiKeyRowData = ApiKeyRow_ApiKeyFragment;

interface Props {
  apiKey: FragmentType<typeof ApiKeyRowFragment>;
  onRevoke: (key: KeyToRevoke) => void;
  /** Set when the acting person may change this key's limits (see ApiKeysPage). */
  onEditLimits?: (key: ApiKeyRowData) => void;
  /** Acting for a team: whose key it is. */
  showOwner: boolean;
  now: Date;
}

export function ApiKeyRow({ apiKey, onRevoke, onEditLimits, showOwner, now }: Props) {
  const key = getFragmentData(ApiKeyRowFragment, apiKey);
  const revoked = key.revokedAt !== null;
  const expired = key.expiresAt !== null && new Date(key.expiresAt).getTime() <= now.getTime();
  return (
    <tr className={revoked ? 'row-revoked' : undefined} data-testid="api-key-row" data-revoked={revoked} data-key-name={key.name} data-key-id={key.id}>
      <td data-label="Name" data-testid="api-key-name">
        {key.name}
      </td>
      <td data-label="Key">
        <code data-testid="api-key-prefix">{displayPrefix(key.prefix)}</code>
      </td>
      {showOwner && (
        <td data-label="Owner" data-testid="api-key-owner">
          {key.ownerEmail}
        </td>
      )}
      <td data-label="Scopes">
        <span className="chips">
          {key.scopes.map((scope) => (
            <span key={scope} className="chip">
              {scope}
            </span>
          ))}
        </span>
      </td>
      <KeyLimitsCell limits={key} now={now} expired={expired} />
      <TimeCell label="Created" at={key.createdAt} />
      <TimeCell label="Last used" at={key.lastUsedAt} />
      <td data-label="Status">
        <KeyStatus revokedAt={key.revokedAt} expired={expired} />
      </td>
      <td className="cell-actions">
        {!revoked && (
          <span className="key-actions">
            {onEditLimits && (
              <button
                type="button"
                className="button button-secondary button-small"
                onClick={() => onEditLimits(key)}
                aria-label={`Edit limits of ${key.name}`}
                data-testid="edit-api-key-limits"
              >
                Edit limits
              </button>
            )}
            <button
              type="button"
              className="button button-danger-ghost"
              onClick={() => onRevoke({ id: key.id, name: key.name, prefix: key.prefix })}
              aria-label={`Revoke ${key.name}`}
              data-testid="revoke-api-key"
            >
              Revoke
            </button>
          </span>
        )}
      </td>
    </tr>
  );
}

function KeyStatus({ revokedAt, expired }: { revokedAt: string | null; expired: boolean }) {
  if (revokedAt) {
    return (
      <span className="badge badge-muted" data-testid="api-key-status" title={`Revoked ${formatDateTime(revokedAt)}`}>
        Revoked
      </span>
    );
  }
  if (expired) {
    return (
      <span className="badge badge-warning" data-testid="api-key-status">
        Expired
      </span>
    );
  }
  return (
    <span className="badge badge-success" data-testid="api-key-status">
      Active
    </span>
  );
}
