import { useState } from 'react';
import { describeProblem } from '../apollo/describe-problem';
import { problemFromError } from '../apollo/problem';
import { CheckoutCoupon, useCheckoutCoupon } from '../promotions/CheckoutCoupon';
import { Alert } from '../ui/Alert';
import { ChangeSubscriptionDialog } from './ChangeSubscriptionDialog';
import { CancelSubscriptionDialog } from './CancelSubscriptionDialog';
import { changeChoices, subscriptionActions } from './subscription-format';
import { SubscriptionDetails } from './SubscriptionDetails';
import { TierPicker } from './TierPicker';
import type { CheckoutStarter } from './useCheckout';
import { useBillingSubscription } from './useBillingSubscription';
import { useSubscriptionActions } from './useSubscriptionActions';
import { useTierChoices } from './useTierChoices';

/** The current subscription and what can be done with it; a tier to subscribe to when there is none. */
export function SubscriptionPanel({ checkout }: { checkout: CheckoutStarter }) {
  const { subscription, loaded, error } = useBillingSubscription({ live: true });
  const tiers = useTierChoices();
  const actions = useSubscriptionActions(checkout);
  const allowed = subscriptionActions(subscription);
  const [picked, setPicked] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'change' | 'cancel' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const coupon = useCheckoutCoupon();
  const choices = subscription && allowed.change ? changeChoices(tiers.paid, subscription) : tiers.paid;
  const target = choices.find((tier) => tier.code === picked) ?? choices[0];
  const busy = checkout.pending !== null || actions.pending;

  const run = async (action: () => Promise<unknown>) => {
    setProblem(null);
    try {
      await action();
    } catch (failure) {
      setProblem(describeProblem(problemFromError(failure)));
    }
  };

  return (
    <section className="billing-section" aria-labelledby="subscription-title">
      <h2 id="subscription-title">Subscription</h2>
      {error && !loaded && <Alert>{describeProblem(problemFromError(error))}</Alert>}
      {problem && <Alert testId="subscription-problem">{problem}</Alert>}
      {loaded && (
        <div className="card subscription-card" data-testid="subscription-panel">
          {subscription && allowed.portal ? (
            <SubscriptionDetails subscription={subscription} />
          ) : (
            <p data-testid="no-subscription">No subscription: you are on a tier without a monthly fee. Subscribe for monthly credits and higher limits.</p>
          )}
          {allowed.subscribe && <CheckoutCoupon coupon={coupon} name="subscription-coupon" />}
          <div className="subscription-actions">
            {(allowed.subscribe || allowed.change) && target && (
              <TierPicker
                id="subscription-tier-picker"
                label={allowed.subscribe ? 'Tier' : 'Change to'}
                tiers={choices}
                value={target.code}
                onChange={setPicked}
                disabled={busy}
              />
            )}
            {allowed.subscribe && target && (
              <button
                type="button"
                className="button button-primary"
                disabled={busy || checkout.unavailable}
                onClick={() => coupon.use((couponCode) => void actions.subscribe(target.code, couponCode))}
                data-testid="subscribe-button"
              >
                {checkout.pending === `tier:${target.code}` ? 'Opening checkout…' : `Subscribe to ${target.name}`}
              </button>
            )}
            {allowed.change && target && (
              <button type="button" className="button button-secondary" disabled={busy} onClick={() => setDialog('change')} data-testid="change-subscription">
                Change tier
              </button>
            )}
            {allowed.cancel && (
              <button type="button" className="button button-secondary" disabled={busy} onClick={() => setDialog('cancel')} data-testid="cancel-subscription">
                Cancel subscription
              </button>
            )}
            {allowed.resume && (
              <button
                type="button"
                className="button button-primary"
                disabled={busy}
                onClick={() => void run(actions.resume)}
                data-testid="resume-subscription"
              >
                Resume subscription
              </button>
            )}
            {/* In test mode the portal is this page: no button that only reloads it. */}
            {allowed.portal && !subscription?.testMode && (
              <button type="button" className="button button-ghost" disabled={busy} onClick={() => void actions.openPortal()} data-testid="billing-portal">
                Manage in Stripe
              </button>
            )}
          </div>
        </div>
      )}
      {subscription && target && (
        <ChangeSubscriptionDialog
          open={dialog === 'change'}
          from={subscription}
          to={target}
          tiers={tiers.all}
          pending={actions.pending}
          onConfirm={() => actions.change(target.code)}
          onClose={() => setDialog(null)}
        />
      )}
      {subscription && (
        <CancelSubscriptionDialog
          open={dialog === 'cancel'}
          subscription={subscription}
          pending={actions.pending}
          onConfirm={actions.cancel}
          onClose={() => setDialog(null)}
        />
      )}
    </section>
  );
}
