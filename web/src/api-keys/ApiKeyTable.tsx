import type { FragmentType } from '../gql';
import { DataTable, type DataColumn } from '../ui/DataTable';
import { ApiKeyRow, type ApiKeyRowFragment } from './ApiKeyRow';
import type { KeyToRevoke } from './RevokeApiKeyDialog';

interface Props {
  keys: readonly ({ id: string } & FragmentType<typeof ApiKeyRowFragment>)[];
  onRevoke: (key: KeyToRevoke) => void;
}

const COLUMNS: DataColumn[] = [
  { label: 'Name' },
  { label: 'Key' },
  { label: 'Scopes' },
  { label: 'Created' },
  { label: 'Last used' },
  { label: 'Status' },
  { label: 'Actions', hiddenLabel: true },
];

export function ApiKeyTable({ keys, onRevoke }: Props) {
  return (
    <DataTable
      columns={COLUMNS}
      rows={keys}
      rowKey={(key) => key.id}
      renderRow={(key) => <ApiKeyRow apiKey={key} onRevoke={onRevoke} />}
      testId="api-keys-table"
      empty={{ message: 'No API keys yet. Create one above to start calling models.', testId: 'api-keys-empty' }}
    />
  );
}
