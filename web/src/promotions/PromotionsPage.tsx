import { ManagerOnlyControls, ManagerOnlyNotice } from '../teams/ManagerOnly';
import { useManagerOnly } from '../teams/useManagerOnly';
import { GiftsSection } from './GiftsSection';
import { RedeemCouponSection } from './RedeemCouponSection';
import { ReferralSection } from './ReferralSection';
import './promotions.css';

/** Coupons to redeem, credit gifts, and the referral link with what it earned. */
export function PromotionsPage() {
  // Redeeming and claiming credit the team's pool: its owners' and admins' to do. Sending a gift is the person's own.
  const lock = useManagerOnly();
  return (
    <section className="page promotions-page">
      <h1>Promotions</h1>
      <p className="muted">Redeem a coupon, gift credits to someone, and share your referral link.</p>
      <ManagerOnlyNotice notice={lock.notice} />
      <ManagerOnlyControls locked={lock.locked}>
        <RedeemCouponSection />
      </ManagerOnlyControls>
      <ReferralSection />
      <GiftsSection claimLocked={lock.locked} />
    </section>
  );
}
