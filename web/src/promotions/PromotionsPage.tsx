import { GiftsSection } from './GiftsSection';
import { RedeemCouponSection } from './RedeemCouponSection';
import { ReferralSection } from './ReferralSection';
import './promotions.css';

/** Coupons to redeem, credit gifts, and the referral link with what it earned. */
export function PromotionsPage() {
  return (
    <section className="page promotions-page">
      <h1>Promotions</h1>
      <p className="muted">Redeem a coupon, gift credits to someone, and share your referral link.</p>
      <RedeemCouponSection />
      <ReferralSection />
      <GiftsSection />
    </section>
  );
}
