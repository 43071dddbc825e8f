import { DataTable, type DataColumn } from '../../ui/DataTable';
import { TimeCell } from '../../ui/TimeCell';
import type { AdminUserDetail } from './useAdminUser';

const API_KEY_COLUMNS: DataColumn[] = [
  { label: 'Name' },
  { label: 'Prefix' },
  { label: 'Scopes' },
  { label: 'Created' },
  { label: 'Last used' },
  { label: 'Revoked' },
];
const PROVIDER_KEY_COLUMNS: DataColumn[] = [{ label: 'Provider' }, { label: 'Key' }, { label: 'Set' }, { label: 'Last used' }];

interface Props {
  apiKeys: AdminUserDetail['apiKeys'];
  providerKeys: AdminUserDetail['providerKeys'];
}

/** The user's keys as metadata: the API never sends a secret, only a prefix or the last four. */
export function KeysSection({ apiKeys, providerKeys }: Props) {
  return (
    <section className="card user-card" aria-labelledby="user-keys-title">
      <h2 id="user-keys-title">API keys</h2>
      <DataTable
        columns={API_KEY_COLUMNS}
        rows={apiKeys}
        rowKey={(k) => k.id}
        testId="user-api-keys"
        empty={{ message: 'No API keys.', testId: 'user-api-keys-empty' }}
        renderRow={(k) => (
          <tr data-testid="api-key-row" data-revoked={k.revokedAt ? 'true' : 'false'}>
            <td data-label="Name" className="user-cell-wrap">
              {k.name}
            </td>
            <td data-label="Prefix">
              <code>{k.prefix}…</code>
            </td>
            <td data-label="Scopes">{k.scopes.join(', ')}</td>
            <TimeCell label="Created" at={k.createdAt} />
            <TimeCell label="Last used" at={k.lastUsedAt} />
            <TimeCell label="Revoked" at={k.revokedAt} none="—" />
          </tr>
        )}
      />
      <h2 className="user-subheading">Provider keys (BYOK)</h2>
      <DataTable
        columns={PROVIDER_KEY_COLUMNS}
        rows={providerKeys}
        rowKey={(k) => k.id}
        testId="user-provider-keys"
        empty={{ message: 'No provider keys.', testId: 'user-provider-keys-empty' }}
        renderRow={(k) => (
          <tr data-testid="provider-key-row" data-provider={k.provider}>
            <td data-label="Provider">{k.provider}</td>
            <td data-label="Key">
              <code>…{k.last4}</code>
            </td>
            <TimeCell label="Set" at={k.createdAt} />
            <TimeCell label="Last used" at={k.lastUsedAt} />
          </tr>
        )}
      />
    </section>
  );
}
