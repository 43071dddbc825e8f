import { useState } from 'react';
import { describeProblem } from '../../apollo/describe-problem';
import { problemFromError } from '../../apollo/problem';
import { Alert } from '../../ui/Alert';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { CampaignGenerator } from './CampaignGenerator';
import { CouponEditor } from './CouponEditor';
import { CouponTable } from './CouponTable';
import { RedemptionReport } from './RedemptionReport';
import { useAdminCoupons } from './useAdminCoupons';
import '../../promotions/promotions.css';

/** Admin: every coupon with its use, a new coupon, a campaign of single-use codes, and who redeemed what. */
export function AdminCouponsPage() {
  const { coupons, error, create, creating, deactivate, deactivating } = useAdminCoupons();
  const [report, setReport] = useState<string | null>(null);
  const [deactivatingCode, setDeactivatingCode] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const confirmDeactivate = async () => {
    if (!deactivatingCode) return;
    try {
      await deactivate(deactivatingCode);
      setDeactivatingCode(null);
    } catch (failure) {
      setProblem(describeProblem(problemFromError(failure)));
      setDeactivatingCode(null);
    }
  };

  return (
    <section className="page promotions-page">
      <h1>Coupons</h1>
      <p className="muted">Codes users redeem for credits, discounts at checkout or a free month. Limits hold however many redeem at once.</p>
      {problem && <Alert testId="coupons-problem">{problem}</Alert>}
      <section className="promotions-section" aria-labelledby="coupons-title">
        <h2 id="coupons-title">All coupons</h2>
        {error && !coupons && <Alert>{describeProblem(problemFromError(error))}</Alert>}
        {!coupons && !error && <p className="muted">Loading coupons…</p>}
        {coupons && <CouponTable coupons={coupons} busy={deactivating} onDeactivate={setDeactivatingCode} onShowRedemptions={setReport} />}
      </section>
      {report && <RedemptionReport code={report} onClose={() => setReport(null)} />}
      <section className="promotions-section" aria-labelledby="new-coupon-title">
        <h2 id="new-coupon-title">New coupon</h2>
        <CouponEditor pending={creating} onCreate={create} />
      </section>
      <section className="promotions-section" aria-labelledby="campaign-title">
        <h2 id="campaign-title">Campaign of single-use codes</h2>
        <CampaignGenerator />
      </section>
      <ConfirmDialog
        open={deactivatingCode !== null}
        title={`Deactivate ${deactivatingCode ?? ''}?`}
        confirmLabel="Deactivate"
        pending={deactivating}
        onConfirm={() => void confirmDeactivate()}
        onCancel={() => setDeactivatingCode(null)}
      >
        <p>Nobody can redeem it from now on. Credits already granted stay with their users.</p>
      </ConfirmDialog>
    </section>
  );
}
