import { Link } from 'react-router';
import { displayCredits } from './money';
import { useCreditBalance } from './useCreditBalance';
import './credits.css';

/** Available credit in the top bar, live. The full figures are in the tooltip and on the dashboard. */
export function BalanceWidget() {
  const { balance } = useCreditBalance();
  if (!balance) return <span className="balance-widget balance-widget-loading" aria-hidden="true" />;
  return (
    <Link
      to="/transactions"
      className={`balance-widget${balance.lowBalance ? ' balance-widget-low' : ''}`}
      title={`Balance ${balance.balance}, held by calls in flight ${balance.held}, available ${balance.available}`}
      aria-label={`Available credits: ${displayCredits(balance.available)}. Open transactions.`}
      data-testid="balance-widget"
      data-available={balance.available}
    >
      <span className="balance-widget-amount" data-testid="balance-widget-amount">
        {displayCredits(balance.available)}
      </span>
      <span className="balance-widget-unit">credits</span>
    </Link>
  );
}
