import { describeProblem } from '../apollo/describe-problem';
import { problemFromError } from '../apollo/problem';
import { CreditPackages } from '../tiers/CreditPackages';
import { CheckoutCoupon, useCheckoutCoupon } from '../promotions/CheckoutCoupon';
import { Alert } from '../ui/Alert';
import type { CheckoutStarter } from './useCheckout';
import { useBuyCredits } from './useBuyCredits';
import { usePackages } from './usePackages';

export function PackagesSection({ checkout }: { checkout: CheckoutStarter }) {
  const { packages, error } = usePackages();
  const buy = useBuyCredits(checkout);
  const coupon = useCheckoutCoupon();
  return (
    <section className="billing-section" aria-labelledby="packages-title">
      <h2 id="packages-title">Buy credits</h2>
      <p className="muted">One-off top-ups on any tier. Credits arrive as soon as the payment is confirmed.</p>
      {error && !packages && <Alert>{describeProblem(problemFromError(error))}</Alert>}
      {!packages && !error && <p className="muted">Loading packages…</p>}
      {packages && <CheckoutCoupon coupon={coupon} name="package-coupon" />}
      {packages && <CreditPackages packages={packages} checkout={checkout} onBuy={(code) => coupon.use((couponCode) => void buy(code, couponCode))} />}
    </section>
  );
}
