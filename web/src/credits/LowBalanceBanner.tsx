import { useContext, useState } from 'react';
import { Link } from 'react-router';
import { CurrentUserContext } from '../auth/CurrentUserContext';
import { Credits } from '../ui/Credits';
import { displayCredits } from './money';
import { THRESHOLD_ANCHOR } from './ThresholdForm';
import { useCreditBalance } from './useCreditBalance';
import './credits.css';

/**
 * Shown on every screen while the balance is below the user's threshold, and gone by itself once
 * it is not. Hiding it lasts until the balance next rises above the threshold and falls again.
 * Never shown to an admin: an operator's own (usually empty) account is not what they are there for.
 */
export function LowBalanceBanner() {
  const { balance } = useCreditBalance();
  const [hidden, setHidden] = useState(false);
  const isAdmin = useContext(CurrentUserContext)?.role === 'admin';
  const low = balance?.lowBalance ?? false;
  if (!low && hidden) setHidden(false);
  if (isAdmin || !balance || !low || hidden) return null;
  return (
    <div className="alert alert-warning low-balance-banner" role="status" data-testid="low-balance-banner">
      <p>
        <strong>Your balance is low:</strong> <Credits value={balance.balance} kind="balance" />, below your alert threshold of{' '}
        {displayCredits(balance.lowBalanceThreshold)}. <Link to="/transactions">See transactions</Link> ·{' '}
        <Link to={`/#${THRESHOLD_ANCHOR}`}>Change the threshold</Link>
      </p>
      <button type="button" className="button button-ghost button-dismiss" onClick={() => setHidden(true)} aria-label="Hide this warning">
        ✕
      </button>
    </div>
  );
}
