import type { FragmentType } from '../gql';
import type { TransactionRowFragment } from './TransactionRow';
import { TransactionRow } from './TransactionRow';

interface Props {
  transactions: readonly ({ id: string } & FragmentType<typeof TransactionRowFragment>)[];
  filtered: boolean;
  busy: boolean;
}

export function TransactionTable({ transactions, filtered, busy }: Props) {
  if (transactions.length === 0) {
    return (
      <p className="empty" data-testid="transactions-empty">
        {filtered ? 'No transactions match these filters.' : 'No transactions yet.'}
      </p>
    );
  }
  return (
    <table className={`table table-reflow tx-table${busy ? ' is-busy' : ''}`} aria-busy={busy} data-testid="transactions-table">
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">Type</th>
          <th scope="col">Description</th>
          <th scope="col" className="num">
            Amount
          </th>
          <th scope="col" className="num">
            Balance after
          </th>
        </tr>
      </thead>
      <tbody>
        {transactions.map((transaction) => (
          <TransactionRow key={transaction.id} transaction={transaction} />
        ))}
      </tbody>
    </table>
  );
}
