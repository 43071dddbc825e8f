import { Alert } from '../ui/Alert';
import { describeBillingProblem, paymentsUnavailable } from './billing-problem';
import type { CheckoutStarter } from './useCheckout';

/**
 * Why the last checkout did not open. Payments being unavailable is how the server is set up, not
 * a passing error: it gets its own note, which stays for the page view.
 */
export function CheckoutProblem({ checkout }: { checkout: Pick<CheckoutStarter, 'problem' | 'unavailable' | 'testMode'> }) {
  if (checkout.unavailable || paymentsUnavailable(checkout.problem)) {
    return (
      <Alert tone="warning" testId="payments-unavailable">
        <strong>Payments are unavailable.</strong> This Tollgate has no Stripe account configured and its test mode is off, so nothing can be bought or
        subscribed to here. Nothing was charged.
      </Alert>
    );
  }
  if (!checkout.problem) {
    if (!checkout.testMode) return null;
    return (
      <Alert tone="info" testId="payments-test-mode">
        <strong>Test mode.</strong> Checkouts open Tollgate&apos;s own test page: paying there grants real credits here, and no money moves.
      </Alert>
    );
  }
  return <Alert testId="checkout-problem">{describeBillingProblem(checkout.problem)}</Alert>;
}
