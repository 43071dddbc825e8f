import { displayCredits } from '../../credits/money';
import { DataTable } from '../../ui/DataTable';
import { TimeCell } from '../../ui/TimeCell';
import { couponValue } from './coupon-value';
import type { AdminCoupon } from './useAdminCoupons';

const COLUMNS = [
  { label: 'Code' },
  { label: 'Gives' },
  { label: 'Redeemed', numeric: true, title: 'Redemptions so far, of the most allowed' },
  { label: 'Per user', numeric: true },
  { label: 'Credits granted', numeric: true },
  { label: 'Expires' },
  { label: 'Status' },
  { label: 'Actions', hiddenLabel: true },
];

interface Props {
  coupons: readonly AdminCoupon[];
  busy: boolean;
  onDeactivate: (code: string) => void;
  onShowRedemptions: (code: string) => void;
}

export function CouponTable({ coupons, busy, onDeactivate, onShowRedemptions }: Props) {
  return (
    <DataTable
      columns={COLUMNS}
      rows={coupons}
      rowKey={(coupon) => coupon.code}
      testId="coupon-table"
      empty={{ message: 'No coupons yet.', testId: 'coupons-empty' }}
      renderRow={(coupon) => (
        <tr
          data-testid="coupon-row"
          data-code={coupon.code}
          data-active={String(coupon.active)}
          data-redemptions={coupon.redemptions}
          className={coupon.active ? undefined : 'is-inactive'}
        >
          <td data-label="Code">
            <code>{coupon.code}</code>
            {coupon.note && <div className="muted">{coupon.note}</div>}
          </td>
          <td data-label="Gives">
            {couponValue(coupon)}
            {coupon.firstPurchaseOnly && <div className="muted">First purchase only</div>}
            {coupon.appliesTo.length > 0 && <div className="muted">On {coupon.appliesTo.join(', ')}</div>}
          </td>
          <td data-label="Redeemed" className="num">
            {coupon.redemptions}
            {coupon.maxRedemptions != null && ` / ${coupon.maxRedemptions}`}
          </td>
          <td data-label="Per user" className="num">
            {coupon.perUserLimit ?? 'No limit'}
          </td>
          <td data-label="Credits granted" className="num">
            {displayCredits(coupon.creditsGranted)}
          </td>
          <TimeCell label="Expires" at={coupon.expiresAt} />
          <td data-label="Status">{coupon.active ? 'Active' : 'Deactivated'}</td>
          <td data-label="Actions">
            <div className="row-actions">
              <button type="button" className="button button-ghost" onClick={() => onShowRedemptions(coupon.code)} data-testid="coupon-redemptions">
                Redemptions
              </button>
              {coupon.active && (
                <button
                  type="button"
                  className="button button-secondary"
                  disabled={busy}
                  onClick={() => onDeactivate(coupon.code)}
                  data-testid="coupon-deactivate"
                >
                  Deactivate
                </button>
              )}
            </div>
          </td>
        </tr>
      )}
    />
  );
}
