import type { FragmentType } from '../gql';
import { DataTable, type DataColumn } from '../ui/DataTable';
import { ApiKeyRow, type ApiKeyRowData, type ApiKeyRowFragment } from './ApiKeyRow';
import type { KeyToRevoke } from './RevokeApiKeyDialog';

interface Props {
  keys: readonly ({ id: string } & FragmentType<typeof ApiKeyRowFragment>)[];
  onRevoke: (key: KeyToRevoke) => void;
  onEditLimits?: (key: ApiKeyRowData) => void;
  /** Acting for a team: an Owner column says whose each key is. */
  showOwner: boolean;
  now: Date;
}

export function apiKeyColumns(showOwner: boolean): DataColumn[] {
  return [
    { label: 'Name' },
    { label: 'Key' },
    ...(showOwner ? [{ label: 'Owner' }] : []),
    { label: 'Scopes' },
    { label: 'Limits', title: 'Spend cap with this period’s spend, expiry, allowed models' },
    { label: 'Created' },
    { label: 'Last used' },
    { label: 'Status' },
    { label: 'Actions', hiddenLabel: true },
  ];
}

export function ApiKeyTable({ keys, onRevoke, onEditLimits, showOwner, now }: Props) {
  return (
    <DataTable
      columns={apiKeyColumns(showOwner)}
      rows={keys}
      rowKey={(key) => key.id}
      renderRow={(key) => <ApiKeyRow apiKey={key} onRevoke={onRevoke} onEditLimits={onEditLimits} showOwner={showOwner} now={now} />}
      testId="api-keys-table"
      empty={{ message: 'No API keys yet. Create one above to start calling models.', testId: 'api-keys-empty' }}
    />
  );
}
