import { useState } from 'react';
import { describeProblem } from '../apollo/describe-problem';
import { problemFromError } from '../apollo/problem';
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
      {error && !tiers && <Alert>{describeProblem(problemFromError(error))}</Alert>}
      {!tiers && !error && <p className="muted">Loading tiers…</p>}
      {tiers && current && (
        <TierComparison
          tiers={tiers}
          currentCode={current.code}
          onSwitchToFree={() => {
            setNotice(null);
            setConfirming(true);
          }}
        />
      )}

      <TierAdvice variant="card" />

      <h2>Credit packages</h2>
      <p className="muted">One-off top-ups, on any tier.</p>
      {packages && <CreditPackages packages={packages} />}

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
