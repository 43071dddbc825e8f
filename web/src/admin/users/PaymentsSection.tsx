import { describeProblem } from '../../apollo/describe-problem';
import { problemFromError } from '../../apollo/problem';
import { Alert } from '../../ui/Alert';
import { CsvButton } from '../../ui/CsvButton';
import { DataTable, type DataColumn } from '../../ui/DataTable';
import { Pager } from '../../ui/Pager';
import { TimeCell } from '../../ui/TimeCell';
import type { CsvColumn } from '../../ui/csv';
import { formatCredits, formatUsd } from '../../ui/format-money';
import { USER_PAYMENTS_PAGE_SIZE, useUserPayments, type UserPayment } from './useUserPayments';

const COLUMNS: DataColumn[] = [
  { label: 'When' },
  { label: 'Kind' },
  { label: 'Status' },
  { label: 'Amount', numeric: true },
  { label: 'Refunded', numeric: true },
  { label: 'Stripe fee', numeric: true },
  { label: 'Credits', numeric: true },
];

const CSV: CsvColumn<UserPayment>[] = [
  { header: 'id', value: (p) => p.id },
  { header: 'created_at', value: (p) => p.createdAt },
  { header: 'paid_at', value: (p) => p.paidAt },
  { header: 'kind', value: (p) => p.kind },
  { header: 'status', value: (p) => p.status },
  { header: 'package', value: (p) => p.packageCode },
  { header: 'amount_usd', value: (p) => p.amountUsd },
  { header: 'refunded_usd', value: (p) => p.refundedUsd },
  { header: 'fee_usd', value: (p) => p.feeUsd },
  { header: 'credits', value: (p) => p.credits },
  { header: 'credits_granted', value: (p) => p.creditsGranted },
  { header: 'test_mode', value: (p) => p.testMode },
];

/** The user's payments (packages, subscription invoices, auto-recharge), newest first. */
export function PaymentsSection({ userId }: { userId: string }) {
  const { connection, stale, pager, loading, error } = useUserPayments(userId);
  return (
    <section className="card user-card" aria-labelledby="user-payments-title">
      <div className="user-card-head">
        <h2 id="user-payments-title">Payments</h2>
        {connection && <CsvButton filename={`payments-${userId}.csv`} rows={connection.nodes} columns={CSV} />}
      </div>
      {error && !connection && <Alert>{describeProblem(problemFromError(error))}</Alert>}
      {!connection && !error && <p className="muted">Loading payments…</p>}
      {connection && (
        <>
          <DataTable
            columns={COLUMNS}
            rows={connection.nodes}
            rowKey={(p) => p.id}
            testId="user-payments"
            busy={loading}
            empty={{ message: 'No payments.', testId: 'user-payments-empty' }}
            renderRow={(p) => (
              <tr data-testid="payment-row" data-status={p.status}>
                <TimeCell label="When" at={p.paidAt ?? p.createdAt} />
                <td data-label="Kind">
                  {p.kind.toLowerCase().replace('_', '-')}
                  {p.packageCode && <span className="muted"> {p.packageCode}</span>}
                  {p.testMode && <span className="badge badge-muted">test</span>}
                </td>
                <td data-label="Status">{p.status.toLowerCase()}</td>
                <td data-label="Amount" className="num" title={`$${p.amountUsd}`}>
                  {formatUsd(p.amountUsd)}
                </td>
                <td data-label="Refunded" className="num" title={`$${p.refundedUsd}`}>
                  {formatUsd(p.refundedUsd)}
                </td>
                <td data-label="Stripe fee" className="num" title={p.feeUsd ? `$${p.feeUsd}` : 'Not known (test mode, or not yet reported)'}>
                  {formatUsd(p.feeUsd)}
                </td>
                <td data-label="Credits" className="num" title={`${p.credits} credits, ${p.creditsGranted} granted`}>
                  {formatCredits(p.credits)}
                </td>
              </tr>
            )}
          />
          {(connection.totalCount > 0 || pager.page > 1) && (
            <Pager
              pager={pager}
              pageSize={USER_PAYMENTS_PAGE_SIZE}
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
