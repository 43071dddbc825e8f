import { Link, useSearchParams } from 'react-router';
import { describeProblem } from '../apollo/describe-problem';
import { problemFromError } from '../apollo/problem';
import { displayCredits } from '../credits/money';
import { Credits } from '../ui/Credits';
import { useCreditBalance } from '../credits/useCreditBalance';
import { Alert } from '../ui/Alert';
import { recallCheckout } from './checkout-memory';
import { phaseHeading } from './checkout-progress';
import { paymentAmount, paymentKindLabel } from './payment-format';
import { SubscriptionProgress } from './SubscriptionProgress';
import { useCheckoutProgress } from './useCheckoutProgress';
import './billing.css';

/**
 * Where Stripe Checkout (or the test checkout) sends the browser after paying. Paying is not yet
 * being granted: the page shows the payment PENDING until the webhook confirms it, then PAID
 * with the credits it added, live.
 */
export function CheckoutSuccessPage() {
  const [params] = useSearchParams();
  const sessionId = params.get('session_id');
  const purpose = recallCheckout(sessionId);
  const { payment, phase, loaded, error } = useCheckoutProgress(sessionId, purpose);
  const { balance } = useCreditBalance();

  return (
    <section className="page checkout-result" data-testid="checkout-success">
      <h1>Thank you</h1>
      {error && !loaded && <Alert>{describeProblem(problemFromError(error))}</Alert>}
      <h2 data-testid="checkout-phase" data-phase={loaded ? phase : 'loading'} aria-live="polite">
        {loaded ? phaseHeading(phase) : 'Loading…'}
      </h2>
      {payment && (
        <dl className="card" data-testid="checkout-payment" data-status={payment.status}>
          <dt>What</dt>
          <dd>
            {paymentKindLabel(payment.kind)}
            {payment.packageCode && <> · {payment.packageCode}</>}
            {payment.testMode && <span className="badge badge-test">test</span>}
          </dd>
          <dt>Amount</dt>
          <dd>
            {paymentAmount(payment.amountUsd)}
            {payment.testMode && <span className="muted"> (test: not charged)</span>}
          </dd>
          <dt>Status</dt>
          <dd data-testid="checkout-status">{payment.status}</dd>
          <dt>Credits</dt>
          <dd data-testid="checkout-credits" data-granted={payment.creditsGranted}>
            {phase === 'paid' ? `${displayCredits(payment.creditsGranted)} added` : `${displayCredits(payment.credits)} once confirmed`}
            {payment.bonusCredits !== '0.000000' && <span className="muted"> (including {displayCredits(payment.bonusCredits)} bonus)</span>}
          </dd>
          {balance && (
            <>
              <dt>Your balance</dt>
              <dd data-testid="checkout-balance" data-balance={balance.balance}>
                <Credits value={balance.balance} kind="balance" />
              </dd>
            </>
          )}
        </dl>
      )}
      {purpose?.kind === 'subscription' && <SubscriptionProgress tierCode={purpose.tierCode} />}
      {phase === 'pending' && <p className="muted">This page updates by itself. You can also leave it: the credits arrive either way.</p>}
      {(phase === 'failed' || phase === 'canceled') && <p>Nothing was granted. You can try again from the Billing page.</p>}
      <p>
        <Link to="/billing" data-testid="back-to-billing">
          Back to Billing
        </Link>
      </p>
    </section>
  );
}
