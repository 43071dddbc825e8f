import type { FragmentType } from '../gql';
import { DataTable, type DataColumn } from '../ui/DataTable';
import type { TransactionRowFragment } from './TransactionRow';
import { TransactionRow } from './TransactionRow';

interface Props {
  transactions: readonly ({ id: string } & FragmentType<typeof TransactionRowFragment>)[];
  filtered: boolean;
  busy: boolean;
}

const COLUMNS: DataColumn[] = [
  { label: 'Date' },
  { label: 'Type' },
  { label: 'Description' },
  { label: 'Amount', numeric: true },
  { label: 'Balance after', numeric: true },
];

export function TransactionTable({ transactions, filtered, busy }: Props) {
  return (
    <DataTable
      columns={COLUMNS}
      rows={transactions}
      rowKey={(transaction) => transaction.id}
      renderRow={(transaction) => <TransactionRow transaction={transaction} />}
      testId="transactions-table"
      className="tx-table"
      busy={busy}
      empty={{ message: filtered ? 'No transactions match these filters.' : 'No transactions yet.', testId: 'transactions-empty' }}
    />
  );
}
