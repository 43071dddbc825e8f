import type { FragmentType } from '../gql';
import { DataTable, type DataColumn } from '../ui/DataTable';
import type { TransactionRowFragment } from './TransactionRow';
import { TransactionRow } from './TransactionRow';

interface Props {
  transactions: readonly ({ id: string } & FragmentType<typeof TransactionRowFragment>)[];
  filtered: boolean;
  busy: boolean;
  showAttribution: boolean;
}

function columns(showAttribution: boolean): DataColumn[] {
  return [
    { label: 'Date' },
    { label: 'Type' },
    { label: 'Description' },
    ...(showAttribution
      ? [
          { label: 'Member', title: 'Who made the call or the change' },
          { label: 'Key', title: 'The API key the call was made with' },
        ]
      : []),
    { label: 'Amount', numeric: true },
    { label: 'Balance after', numeric: true },
  ];
}

export function TransactionTable({ transactions, filtered, busy, showAttribution }: Props) {
  return (
    <DataTable
      columns={columns(showAttribution)}
      rows={transactions}
      rowKey={(transaction) => transaction.id}
      renderRow={(transaction) => <TransactionRow transaction={transaction} showAttribution={showAttribution} />}
      testId="transactions-table"
      className="tx-table"
      busy={busy}
      empty={{ message: filtered ? 'No transactions match these filters.' : 'No transactions yet.', testId: 'transactions-empty' }}
    />
  );
}
