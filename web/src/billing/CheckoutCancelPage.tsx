import { Link } from 'react-router';
import './billing.css';

/** Where a checkout that was left (Stripe's back link, the test checkout's Cancel or Fail) returns. */
export function CheckoutCancelPage() {
  return (
    <section className="page checkout-result" data-testid="checkout-cancel">
      <h1>Checkout canceled</h1>
      <p data-testid="checkout-cancel-note">Nothing was charged and no credits were added.</p>
      <p>
        <Link to="/billing" data-testid="back-to-billing">
          Back to Billing
        </Link>
      </p>
    </section>
  );
}
