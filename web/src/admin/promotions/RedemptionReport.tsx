import { describeProblem } from '../../apollo/describe-problem';
import { problemFromError } from '../../apollo/problem';
import { displayCredits } from '../../credits/money';
import { Alert } from '../../ui/Alert';
import { DataTable } from '../../ui/DataTable';
import { TimeCell } from '../../ui/TimeCell';
import { useCouponRedemptions } from './useCouponRedemptions';

const COLUMNS = [{ label: 'User' }, { label: 'Credits', numeric: true }, { label: 'Discount' }, { label: 'Status' }, { label: 'When' }];

/** The redemptions of one coupon: who, when, what it gave. */
export function RedemptionReport({ code, onClose }: { code: string; onClose: () => void }) {
  const { redemptions, error, loading } = useCouponRedemptions(code);
  return (
    <section className="promotions-section" aria-labelledby="redemptions-title" data-testid="redemption-report" data-code={code}>
      <h2 id="redemptions-title">
        Redemptions of <code>{code}</code>
      </h2>
      {error && <Alert>{describeProblem(problemFromError(error))}</Alert>}
      {loading && !redemptions && <p className="muted">Loading redemptions…</p>}
      {redemptions && (
        <DataTable
          columns={COLUMNS}
          rows={redemptions}
          rowKey={(row) => row.id}
          testId="redemption-table"
          empty={{ message: 'Nobody has redeemed this coupon yet.', testId: 'redemptions-empty' }}
          renderRow={(row) => (
            <tr data-testid="redemption-row" data-credits={row.credits}>
              <td data-label="User">{row.userEmail ?? <span className="muted">Deleted account</span>}</td>
              <td data-label="Credits" className="num">
                {displayCredits(row.credits)}
              </td>
              <td data-label="Discount">
                {row.discountUsd ? `$${row.discountUsd} on ${row.targetCode ?? 'a checkout'}` : <span className="muted">None</span>}
              </td>
              <td data-label="Status">{row.status}</td>
              <TimeCell label="When" at={row.createdAt} />
            </tr>
          )}
        />
      )}
      <p>
        <button type="button" className="button button-ghost" onClick={onClose} data-testid="close-redemptions">
          Close report
        </button>
      </p>
    </section>
  );
}
