import { describeProblem } from '../apollo/describe-problem';
import { problemFromError } from '../apollo/problem';
import { Alert } from '../ui/Alert';
import { Credits } from '../ui/Credits';
import { ThresholdForm } from './ThresholdForm';
import { useCreditBalance } from './useCreditBalance';
import './credits.css';

/** The dashboard's view of the balance: what it is made of, and when to warn. */
export function BalanceCard() {
  const { balance, error } = useCreditBalance();
  return (
    <article className="card balance-card" data-testid="balance-card">
      <h2>Credits</h2>
      {error && !balance && <Alert>{describeProblem(problemFromError(error))}</Alert>}
      {!balance && !error && <p className="muted">Loading balance…</p>}
      {balance && (
        <>
          <dl className="balance-figures">
            <div>
              <dt>Available</dt>
              <dd className="balance-available" data-testid="balance-available">
                <Credits value={balance.available} kind="balance" unit={false} />
              </dd>
            </div>
            <div>
              <dt>Balance</dt>
              <dd>
                <Credits value={balance.balance} kind="balance" unit={false} />
              </dd>
            </div>
            <div>
              <dt>Held by calls in flight</dt>
              <dd>
                <Credits value={balance.held} unit={false} />
              </dd>
            </div>
          </dl>
          <ThresholdForm current={balance.lowBalanceThreshold} />
        </>
      )}
    </article>
  );
}
