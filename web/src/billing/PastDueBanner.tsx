import { Link } from 'react-router';
import { isPastDue } from './subscription-format';
import { useBillingSubscription } from './useBillingSubscription';

/**
 * On every screen while the subscription is PAST_DUE (its last invoice failed; Stripe retries it).
 * No monthly credits are allocated meanwhile. It goes by itself once a paid invoice recovers it:
 * that allocation moves the balance, which refetches the subscription.
 */
export function PastDueBanner() {
  const { subscription } = useBillingSubscription({ live: true });
  if (!isPastDue(subscription)) return null;
  return (
    <div className="alert alert-error past-due-banner" role="alert" data-testid="past-due-banner">
      <p>
        <strong>Your subscription payment failed.</strong> Your {subscription!.tier.name} tier stays for now, but no monthly credits are added until a payment
        goes through. <Link to="/billing">Update your payment on Billing</Link>
      </p>
    </div>
  );
}
