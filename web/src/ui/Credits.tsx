import { creditsToUsd, formatBalance, formatCredits, formatDollars, formatExactCredits, formatExactUsd } from './format-money';
import { useCreditUsd } from './useCreditUsd';
import './money.css';

export interface CreditsProps {
  /** The API's exact decimal string ("9.995485"). */
  value: string | null | undefined;
  /** "balance": what someone has, rounded down; "amount" (default): a charge or grant, to the nearest. */
  kind?: 'amount' | 'balance';
  /** "+" before amounts added (transaction lists). */
  signed?: boolean;
  /** The word "credits" after the figure (default true). */
  unit?: boolean;
  /** The dollar value beside the figure (default true). */
  usd?: boolean;
  className?: string;
  testId?: string;
}

/**
 * A credit figure for people: the short figure ("9.99 credits"), its dollar value beside it
 * ("($0.10)"), and the exact amounts on hover. Every credit figure in the app goes through here or
 * through format-money's functions, so they all round the same way.
 */
export function Credits(props: CreditsProps) {
  const creditUsd = useCreditUsd();
  return <CreditsView {...props} creditUsd={props.usd === false ? undefined : creditUsd} />;
}

/** The rendering alone, with the rate given: what `Credits` shows once the rate is known (tested without a server). */
export function CreditsView({ value, kind = 'amount', signed, unit = true, usd = true, className, testId, creditUsd }: CreditsProps & { creditUsd?: string }) {
  if (value == null || value === '') return <span className={className}>—</span>;
  const short = kind === 'balance' ? formatBalance(value) : formatCredits(value, { signed });
  const dollars = usd && creditUsd ? creditsToUsd(value, creditUsd) : null;
  const exact = `${formatExactCredits(value, { signed })} credits${dollars !== null ? ` = ${formatExactUsd(dollars)}` : ''}`;
  return (
    <span className={`credits${className ? ` ${className}` : ''}`} title={exact} data-exact={value} data-testid={testId}>
      <span className="credits-amount">{short}</span>
      {unit && <span className="credits-unit"> credits</span>}
      {dollars !== null && <span className="credits-usd"> ({formatDollars(dollars)})</span>}
    </span>
  );
}
