import { AutoRechargeSettings } from './auto-recharge/AutoRechargeSettings';
import { BillingBalance } from './BillingBalance';
import { CheckoutProblem } from './CheckoutProblem';
import { PackagesSection } from './PackagesSection';
import { PaymentHistory } from './PaymentHistory';
import { SubscriptionPanel } from './SubscriptionPanel';
import { useCheckout } from './useCheckout';
import './billing.css';

/** Everything money-in: packages, the subscription, auto-recharge and the payment history. */
export function BillingPage() {
  const checkout = useCheckout();
  return (
    <section className="page billing-page">
      <h1>Billing</h1>
      <p className="muted">Buy credits, manage your subscription and see what you have paid.</p>
      <BillingBalance />
      <CheckoutProblem checkout={checkout} />
      <SubscriptionPanel checkout={checkout} />
      <PackagesSection checkout={checkout} />
      <AutoRechargeSettings />
      <PaymentHistory />
    </section>
  );
}
