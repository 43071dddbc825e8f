import type { FragmentType } from '../gql';
import { DataTable, type DataColumn } from '../ui/DataTable';
import { AccountRow, type AccountRowFragment } from './AccountRow';
import type { CreditActionTarget } from './CreditActionDialog';

interface Props {
  accounts: readonly ({ user: { id: string } } & FragmentType<typeof AccountRowFragment>)[];
  busy: boolean;
  onAction: (target: CreditActionTarget) => void;
}

const COLUMNS: DataColumn[] = [
  { label: 'Account' },
  { label: 'Balance', numeric: true },
  { label: 'Held', numeric: true },
  { label: 'Available', numeric: true },
  { label: 'Debt', numeric: true },
  { label: 'Actions', hiddenLabel: true },
];

export function AccountTable({ accounts, busy, onAction }: Props) {
  return (
    <DataTable
      columns={COLUMNS}
      rows={accounts}
      rowKey={(account) => account.user.id}
      renderRow={(account) => <AccountRow account={account} onAction={onAction} />}
      testId="accounts-table"
      className="accounts-table"
      busy={busy}
      empty={{ message: 'No account matches.', testId: 'accounts-empty' }}
    />
  );
}
