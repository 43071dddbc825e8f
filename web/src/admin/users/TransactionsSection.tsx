import { describeProblem } from '../../apollo/describe-problem';
import { problemFromError } from '../../apollo/problem';
import { Alert } from '../../ui/Alert';
import { CsvButton } from '../../ui/CsvButton';
import { DataTable, type DataColumn } from '../../ui/DataTable';
import { Pager } from '../../ui/Pager';
import type { CsvColumn } from '../../ui/csv';
import { UserTransactionRow } from './UserTransactionRow';
import { USER_TRANSACTIONS_PAGE_SIZE, useUserTransactions, type UserTransaction } from './useUserTransactions';

const COLUMNS: DataColumn[] = [
  { label: 'When' },
  { label: 'Type' },
  { label: 'Description' },
  { label: 'Amount', numeric: true },
  { label: 'Balance after', numeric: true },
  { label: 'Actions', hiddenLabel: true },
];

const CSV: CsvColumn<UserTransaction>[] = [
  { header: 'id', value: (t) => t.id },
  { header: 'created_at', value: (t) => t.createdAt },
  { header: 'type', value: (t) => t.type },
  { header: 'description', value: (t) => t.description },
  { header: 'amount', value: (t) => t.amount },
  { header: 'balance_after', value: (t) => t.balanceAfter },
  { header: 'reference', value: (t) => t.reference },
  { header: 'actor_type', value: (t) => t.actorType },
];

interface Props {
  userId: string;
  /** What has been refunded of each spend so far (from the user's refund grants). */
  refunded: ReadonlyMap<string, bigint>;
  /** Opens the refund dialog for a spend picked from the list, with what is left to refund of it. */
  onRefund: (spend: UserTransaction, refundable: string) => void;
}

/** The user's ledger, newest first, with a Refund action on each spend. */
export function TransactionsSection({ userId, refunded, onRefund }: Props) {
  const { connection, stale, pager, loading, error } = useUserTransactions(userId);
  return (
    <section className="card user-card" aria-labelledby="user-transactions-title">
      <div className="user-card-head">
        <h2 id="user-transactions-title">Transactions</h2>
        {connection && <CsvButton filename={`transactions-${userId}.csv`} rows={connection.nodes} columns={CSV} />}
      </div>
      {error && !connection && <Alert>{describeProblem(problemFromError(error))}</Alert>}
      {!connection && !error && <p className="muted">Loading transactions…</p>}
      {connection && (
        <>
          <DataTable
            columns={COLUMNS}
            rows={connection.nodes}
            rowKey={(t) => t.id}
            testId="user-transactions"
            busy={loading}
            empty={{ message: 'No transactions yet.', testId: 'user-transactions-empty' }}
            renderRow={(t) => <UserTransactionRow transaction={t} refunded={refunded} onRefund={onRefund} />}
          />
          {(connection.totalCount > 0 || pager.page > 1) && (
            <Pager
              pager={pager}
              pageSize={USER_TRANSACTIONS_PAGE_SIZE}
              shown={connection.nodes.length}
              totalCount={connection.totalCount}
              endCursor={connection.pageInfo.endCursor}
              hasNextPage={connection.pageInfo.hasNextPage}
              noun="transactions"
              stale={stale}
            />
          )}
        </>
      )}
    </section>
  );
}
