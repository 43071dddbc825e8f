import type { FragmentType } from '../gql';
import { DataTable, type DataColumn } from '../ui/DataTable';
import { ProviderKeyRow, type KeyToDelete, type ProviderKeyRowFragment } from './ProviderKeyRow';

interface Props {
  keys: readonly ({ id: string } & FragmentType<typeof ProviderKeyRowFragment>)[];
  onDelete: (key: KeyToDelete) => void;
}

const COLUMNS: DataColumn[] = [{ label: 'Provider' }, { label: 'Key' }, { label: 'Added' }, { label: 'Last used' }, { label: 'Actions', hiddenLabel: true }];

export function ProviderKeyTable({ keys, onDelete }: Props) {
  return (
    <DataTable
      columns={COLUMNS}
      rows={keys}
      rowKey={(key) => key.id}
      renderRow={(key) => <ProviderKeyRow providerKey={key} onDelete={onDelete} />}
      testId="provider-keys-table"
      empty={{ message: 'No keys of your own: every call uses Tollgate’s provider accounts.', testId: 'provider-keys-empty' }}
    />
  );
}
