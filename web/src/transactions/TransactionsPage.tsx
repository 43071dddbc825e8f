import { describeProblem } from '../apollo/describe-problem';
import { problemFromError } from '../apollo/problem';
import { useActingAccess } from '../api-keys/useActingAccess';
import { Alert } from '../ui/Alert';
import { Pager } from '../ui/Pager';
import { ExportCsvButton } from './ExportCsvButton';
import { hasFilters } from './filters';
import { TransactionFilters } from './TransactionFilters';
import { TransactionTable } from './TransactionTable';
import { useAttributionOptions } from './useAttributionOptions';
import { useTransactionFilters } from './useTransactionFilters';
import { TRANSACTIONS_PAGE_SIZE, useTransactions } from './useTransactions';
import './transactions.css';

export function TransactionsPage() {
  const { filters, setFilters } = useTransactionFilters();
  const { connection, stale, pager, loading, error, filterProblem } = useTransactions(filters);
  const access = useActingAccess();
  // Only an owner or admin sees the whole team's history, so only they get its member and key filters.
  const attribution = useAttributionOptions(access.team && access.manages ? access.team.id : null);

  return (
    <section className="page">
      <div className="page-head">
        <div>
          <h1>Transactions</h1>
          <p className="muted">
            {access.team
              ? access.memberOnly
                ? `Your own entries on ${access.team.name}'s balance, newest first.`
                : `Every change to ${access.team.name}'s balance, newest first, with the member and key behind each.`
              : 'Every change to your balance, newest first.'}
          </p>
        </div>
        <ExportCsvButton filters={filters} disabled={Boolean(filterProblem)} />
      </div>

      <TransactionFilters value={filters} onChange={setFilters} problem={filterProblem} attribution={access.team && access.manages ? attribution : undefined} />

      {connection && (
        <p className="tx-count" data-testid="transactions-total" data-count={stale ? undefined : connection.totalCount}>
          {connection.totalCount.toLocaleString()} {connection.totalCount === 1 ? 'transaction' : 'transactions'}
          {hasFilters(filters) ? ' match' : ''}
        </p>
      )}
      {error && !connection && <Alert>{describeProblem(problemFromError(error))}</Alert>}
      {loading && !connection && <p className="muted">Loading transactions…</p>}
      {connection && (
        <>
          <TransactionTable transactions={connection.nodes} filtered={hasFilters(filters)} busy={loading} showAttribution={access.team !== null} />
          {(connection.totalCount > TRANSACTIONS_PAGE_SIZE || pager.page > 1) && (
            <Pager
              pager={pager}
              pageSize={TRANSACTIONS_PAGE_SIZE}
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
