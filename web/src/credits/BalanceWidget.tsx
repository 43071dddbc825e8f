import { Link } from 'react-router';
import { creditsToUsd, formatBalance, formatDollars, formatExactCredits, formatExactUsd } from '../ui/format-money';
import { useCreditUsd } from '../ui/useCreditUsd';
import { useCreditBalance } from './useCreditBalance';
import './credits.css';

/**
 * Available credit in the top bar, live: always 2 decimals, rounded down (it never shows credit
 * that is not there), in digits of one width, so a charge changes the figure and not the bar's
 * layout. The exact figures and their dollars are in the tooltip and on the dashboard.
 */
export function BalanceWidget() {
  const { balance } = useCreditBalance();
  const creditUsd = useCreditUsd();
  if (!balance) return <span className="balance-widget balance-widget-loading" aria-hidden="true" />;
  const dollars = creditUsd ? creditsToUsd(balance.available, creditUsd) : null;
  const exact = (value: string) => `${formatExactCredits(value)}${creditUsd ? ` (${formatExactUsd(creditsToUsd(value, creditUsd))})` : ''}`;
  return (
    <Link
      to="/transactions"
      className={`balance-widget${balance.lowBalance ? ' balance-widget-low' : ''}`}
      title={`Available ${exact(balance.available)} credits: balance ${exact(balance.balance)}, held by calls in flight ${exact(balance.held)}`}
      aria-label={`Available credits: ${formatBalance(balance.available)}${dollars !== null ? `, ${formatDollars(dollars)}` : ''}. Open transactions.`}
      data-testid="balance-widget"
      data-available={balance.available}
    >
      <span className="balance-widget-amount" data-testid="balance-widget-amount">
        {formatBalance(balance.available)}
      </span>
      <span className="balance-widget-unit">credits</span>
      {dollars !== null && (
        <span className="balance-widget-usd" data-testid="balance-widget-usd">
          {formatDollars(dollars)}
        </span>
      )}
    </Link>
  );
}
