import { signedMicro } from '../../credits/money';
import { formatCredits } from '../../ui/format-money';
import { Figure } from './Figure';
import type { AdminUserDetail } from './useAdminUser';

/** Balance, what running requests hold of it, what is left to spend, and any debt. */
export function BalanceCard({ user }: { user: AdminUserDetail }) {
  const owes = signedMicro(user.debt) > 0n;
  return (
    <section
      className="card user-card"
      aria-labelledby="user-balance-title"
      data-testid="user-balance"
      data-balance={user.balance}
      data-available={user.available}
    >
      <h2 id="user-balance-title">Balance</h2>
      <dl className="user-figures">
        <Figure label="Balance" exact={`${user.balance} credits`} testId="user-balance-figure" value={user.balance}>
          {formatCredits(user.balance)}
        </Figure>
        <Figure label="Held" exact={`${user.held} credits held by requests in flight`} value={user.held}>
          {formatCredits(user.held)}
        </Figure>
        <Figure label="Available" exact={`${user.available} credits`} testId="user-available-figure" value={user.available}>
          {formatCredits(user.available)}
        </Figure>
        <Figure label="Debt" exact={owes ? `${user.debt} credits owed from refunds or disputes; settled from the next purchase` : 'No debt'} value={user.debt}>
          {owes ? <span className="badge badge-warning">{formatCredits(user.debt)}</span> : '—'}
        </Figure>
      </dl>
    </section>
  );
}
