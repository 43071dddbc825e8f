import { useContext, useState } from 'react';
import { Link } from 'react-router';
import { useActingAccess } from '../api-keys/useActingAccess';
import { CurrentUserContext } from '../auth/CurrentUserContext';
import { Credits } from '../ui/Credits';
import { bannerKind } from './banner-kind';
import { displayCredits } from './money';
import { THRESHOLD_ANCHOR } from './ThresholdForm';
import { useCreditBalance } from './useCreditBalance';
import './credits.css';

/**
 * Shown on every screen while the balance is below the threshold (or a team acted for has no
 * credit at all), and gone by itself once it is not. Hiding it lasts until the balance next rises
 * and falls again. Never shown to an admin: an operator's own (usually empty) account is not what
 * they are there for. Only who may act on it is offered the link: a team's member cannot buy or
 * change the threshold.
 */
export function LowBalanceBanner() {
  const { balance } = useCreditBalance();
  const access = useActingAccess();
  const [hidden, setHidden] = useState(false);
  const isAdmin = useContext(CurrentUserContext)?.role === 'admin';
  const kind = bannerKind(balance, access.team !== null);
  if (!kind && hidden) setHidden(false);
  if (isAdmin || !balance || !kind || hidden) return null;
  return (
    <div className="alert alert-warning low-balance-banner" role="status" data-testid="low-balance-banner" data-kind={kind}>
      {kind === 'empty-team' ? (
        <p>
          <strong>{access.team!.name} has no credits yet.</strong>{' '}
          {access.manages ? <Link to="/billing">Buy credits</Link> : 'An owner or admin of the team can buy credits for it.'}
        </p>
      ) : (
        <p>
          <strong>{access.team ? `${access.team.name}'s balance is low:` : 'Your balance is low:'}</strong> <Credits value={balance.balance} kind="balance" />,
          below {access.team ? "the team's" : 'your'} alert threshold of {displayCredits(balance.lowBalanceThreshold)}.{' '}
          <Link to="/transactions">See transactions</Link>
          {access.manages && (
            <>
              {' '}
              · <Link to={`/#${THRESHOLD_ANCHOR}`}>Change the threshold</Link>
            </>
          )}
        </p>
      )}
      <button type="button" className="button button-ghost button-dismiss" onClick={() => setHidden(true)} aria-label="Hide this warning">
        ✕
      </button>
    </div>
  );
}
