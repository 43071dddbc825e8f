import { useCreditBalance } from '../credits/useCreditBalance';
import { Credits } from '../ui/Credits';
import { formatExactUsd } from '../ui/format-money';
import { useCreditUsd } from '../ui/useCreditUsd';

/** What the user has, in credits and dollars, and what one credit is worth: the frame for every price below. */
export function BillingBalance() {
  const { balance } = useCreditBalance();
  const creditUsd = useCreditUsd();
  if (!balance) return null;
  return (
    <p className="billing-balance" data-testid="billing-balance" data-available={balance.available}>
      Available:{' '}
      <strong>
        <Credits value={balance.available} kind="balance" />
      </strong>
      {creditUsd && <span className="muted"> · one credit is worth {formatExactUsd(creditUsd)}</span>}
    </p>
  );
}
