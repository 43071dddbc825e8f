import { describeProblem } from '../apollo/describe-problem';
import { problemFromError } from '../apollo/problem';
import { Alert } from '../ui/Alert';
import { DataTable, type DataColumn } from '../ui/DataTable';
import { Pager } from '../ui/Pager';
import { PaymentRow } from './PaymentRow';
import { PAYMENTS_PAGE_SIZE, usePayments } from './usePayments';

const COLUMNS: readonly DataColumn[] = [
  { label: 'Date' },
  { label: 'What' },
  { label: 'Status' },
  { label: 'Amount', numeric: true },
  { label: 'Credits', numeric: true, title: 'Package credits plus bonus' },
  { label: 'Receipt' },
];

export function PaymentHistory() {
  const { connection, stale, pager, loading, error } = usePayments();
  return (
    <section className="billing-section" aria-labelledby="payments-title">
      <h2 id="payments-title">Payment history</h2>
      {error && !connection && <Alert>{describeProblem(problemFromError(error))}</Alert>}
      {loading && !connection && <p className="muted">Loading payments…</p>}
      {connection && (
        <>
          <DataTable
            columns={COLUMNS}
            rows={connection.nodes}
            rowKey={(payment) => payment.id}
            renderRow={(payment) => <PaymentRow payment={payment} />}
            testId="payment-table"
            className="payment-table"
            empty={{ message: 'No payments yet.', testId: 'payments-empty' }}
            busy={stale}
          />
          {(connection.totalCount > PAYMENTS_PAGE_SIZE || pager.page > 1) && (
            <Pager
              pager={pager}
              pageSize={PAYMENTS_PAGE_SIZE}
              shown={connection.nodes.length}
              totalCount={connection.totalCount}
              endCursor={connection.pageInfo.endCursor}
              hasNextPage={connection.pageInfo.hasNextPage}
              noun="payments"
              stale={stale}
            />
          )}
        </>
      )}
    </section>
  );
}
