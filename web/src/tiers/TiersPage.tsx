import { useState } from 'react';
import { describeProblem } from '../apollo/describe-problem';
import { problemFromError } from '../apollo/problem';
import { CheckoutProblem } from '../billing/CheckoutProblem';
import { useBuyCredits } from '../billing/useBuyCredits';
import { useCheckout } from '../billing/useCheckout';
import { Alert } from '../ui/Alert';
import { CreditPackages } from './CreditPackages';
import { SwitchToFreeDialog } from './SwitchToFreeDialog';
import { TierAdvice } from './TierAdvice';
import { TierComparison } from './TierComparison';
import { useTiers } from './useTiers';
import './tiers.css';

export function TiersPage() {
  const { tiers, packages, current, error, switchToFree, switching } = useTiers();
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const checkout = useCheckout();
  const buy = useBuyCredits(checkout);
  const handlers = {
    onSwitchToFree: () => {
      setNotice(null);
      setConfirming(true);
    },
    onSubscribe: () => {},
    onChange: () => {},
    pendingTier: null,
    disabled: true,
  };

  return (
    <section className="page">
      <h1>Tiers</h1>
      <p className="muted">
        Your tier decides which models you can call, how much per request and per month, and the markup on the provider
        price. {current && <>You are on <strong data-testid="current-tier-name">{current.name}</strong>.</>}
      </p>
      {notice && (
        <Alert tone="info" testId="tier-notice">
          {notice}
        </Alert>
      )}
      <CheckoutProblem checkout={checkout} />
      {error && !tiers && <Alert>{describeProblem(problemFromError(error))}</Alert>}
      {!tiers && !error && <p className="muted">Loading tiers…</p>}
      {tiers && current && (
        <TierComparison tiers={tiers} currentCode={current.code} subscription={null} handlers={handlers} />
      )}

      <TierAdvice variant="card" />

      <h2>Credit packages</h2>
      <p className="muted">One-off top-ups, on any tier.</p>
      {packages && <CreditPackages packages={packages} checkout={checkout} onBuy={(code) => void buy(code)} />}

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
