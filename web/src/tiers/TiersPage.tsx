import { useState } from 'react';
import { describeProblem } from '../apollo/describe-problem';
import { problemFromError } from '../apollo/problem';
import { ChangeSubscriptionDialog } from '../billing/ChangeSubscriptionDialog';
import { CheckoutProblem } from '../billing/CheckoutProblem';
import { useBillingSubscription } from '../billing/useBillingSubscription';
import { useSubscriptionActions } from '../billing/useSubscriptionActions';
import { useBuyCredits } from '../billing/useBuyCredits';
import { useCheckout } from '../billing/useCheckout';
import { ManagerOnlyControls, ManagerOnlyNotice } from '../teams/ManagerOnly';
import { useManagerOnly } from '../teams/useManagerOnly';
import { Alert } from '../ui/Alert';
import { CreditPackages } from './CreditPackages';
import { SwitchToFreeDialog } from './SwitchToFreeDialog';
import { TierAdvice } from './TierAdvice';
import type { TierHandlers } from './TierActionButton';
import { TierComparison } from './TierComparison';
import { useTiers } from './useTiers';
import './tiers.css';

export function TiersPage() {
  const { tiers, packages, current, error, switchToFree, switching } = useTiers();
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const checkout = useCheckout();
  const buy = useBuyCredits(checkout);
  const { subscription } = useBillingSubscription();
  const subscriptionActions = useSubscriptionActions(checkout);
  const [changingTo, setChangingTo] = useState<string | null>(null);
  const lock = useManagerOnly();
  const target = tiers?.find((tier) => tier.code === changingTo);
  const handlers: TierHandlers = {
    onSwitchToFree: () => {
      setNotice(null);
      setConfirming(true);
    },
    onSubscribe: (code) => void subscriptionActions.subscribe(code),
    onChange: (code) => {
      setNotice(null);
      setChangingTo(code);
    },
    pendingTier: checkout.pending?.startsWith('tier:') ? checkout.pending.slice('tier:'.length) : null,
    disabled: checkout.pending !== null || checkout.unavailable || subscriptionActions.pending,
  };

  return (
    <section className="page">
      <h1>Tiers</h1>
      <p className="muted">
        Your tier decides which models you can call, how much per request and per month, and the markup on the provider price.{' '}
        {current && (
          <>
            You are on <strong data-testid="current-tier-name">{current.name}</strong>.
          </>
        )}
      </p>
      <ManagerOnlyNotice notice={lock.notice} />
      {notice && (
        <Alert tone="info" testId="tier-notice">
          {notice}
        </Alert>
      )}
      <CheckoutProblem checkout={checkout} />
      {error && !tiers && <Alert>{describeProblem(problemFromError(error))}</Alert>}
      {!tiers && !error && <p className="muted">Loading tiers…</p>}
      {tiers && current && (
        <ManagerOnlyControls locked={lock.locked}>
          <TierComparison
            tiers={tiers}
            currentCode={current.code}
            subscription={
              subscription && { tierCode: subscription.tier.code, status: subscription.status, pendingTierCode: subscription.pendingTier?.code ?? null }
            }
            handlers={handlers}
          />
        </ManagerOnlyControls>
      )}

      <TierAdvice variant="card" />

      <h2>Credit packages</h2>
      <p className="muted">One-off top-ups, on any tier.</p>
      {packages && (
        <ManagerOnlyControls locked={lock.locked}>
          <CreditPackages packages={packages} checkout={checkout} onBuy={(code) => void buy(code)} />
        </ManagerOnlyControls>
      )}

      {subscription && target && (
        <ChangeSubscriptionDialog
          open
          from={subscription}
          to={target}
          tiers={tiers ?? []}
          pending={subscriptionActions.pending}
          onConfirm={async () => {
            await subscriptionActions.change(target.code);
            setNotice(`Your subscription is changing to ${target.name}: see Billing for when.`);
          }}
          onClose={() => setChangingTo(null)}
        />
      )}

      <SwitchToFreeDialog
        open={confirming}
        currentName={current?.name ?? ''}
        pending={switching}
        onConfirm={async () => {
          await switchToFree();
          setNotice('You are on the Free tier now.');
        }}
        onClose={() => setConfirming(false)}
      />
    </section>
  );
}
