import { ManagerOnlyControls, ManagerOnlyNotice } from '../teams/ManagerOnly';
import { useManagerOnly } from '../teams/useManagerOnly';
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
  // A team's plain member sees what the team has and pays, with every buying control disabled.
  const lock = useManagerOnly();
  return (
    <section className="page billing-page">
      <h1>Billing</h1>
      <p className="muted">Buy credits, manage your subscription and see what you have paid.</p>
      <ManagerOnlyNotice notice={lock.notice} />
      <BillingBalance />
      <CheckoutProblem checkout={checkout} />
      <ManagerOnlyControls locked={lock.locked}>
        <SubscriptionPanel checkout={checkout} />
        <PackagesSection checkout={checkout} />
        <AutoRechargeSettings />
      </ManagerOnlyControls>
      <PaymentHistory />
    </section>
  );
}
