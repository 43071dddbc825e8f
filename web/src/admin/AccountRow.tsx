import { displayCredits, signedMicro } from '../credits/money';
import { getFragmentData, graphql, type FragmentType } from '../gql';
import type { CreditActionKind } from './credit-action';
import type { CreditActionTarget } from './CreditActionDialog';

export const AccountRowFragment = graphql(`
  fragment AccountRow_AdminAccount on AdminAccount {
    user {
      id
      email
      role
    }
    displayName
    kind
    balance
    held
    available
    lowBalanceThreshold
    debt
  }
`);

interface Props {
  account: FragmentType<typeof AccountRowFragment>;
  onAction: (target: CreditActionTarget) => void;
}

const ACTIONS: { kind: CreditActionKind; label: string }[] = [
  { kind: 'grant', label: 'Grant' },
  { kind: 'deduct', label: 'Deduct' },
  { kind: 'refund', label: 'Refund' },
];

export function AccountRow({ account: masked, onAction }: Props) {
  const account = getFragmentData(AccountRowFragment, masked);
  const { id, email, role } = account.user;
  // A team's user.email is a synthetic address: the row (and its dialogs) name the account by displayName.
  const name = account.displayName;
  const low = signedMicro(account.balance) < signedMicro(account.lowBalanceThreshold);
  // Credits a refund or dispute could not take back (already spent); the next purchase settles them.
  const owes = signedMicro(account.debt) > 0n;
  return (
    <tr data-testid="account-row" data-email={email} data-kind={account.kind} data-available={account.available} data-debt={account.debt}>
      {/* One child per cell: the phone layout gives each cell's content a single grid column. */}
      <td data-label="Account" className="account-cell-email">
        <span>
          {name}
          {role === 'admin' && <span className="badge">admin</span>}
        </span>
      </td>
      <td data-label="Balance" className="num" title={account.balance}>
        <span>
          {displayCredits(account.balance)}
          {low && (
            <span className="badge badge-warning" title={`Below the user's threshold of ${account.lowBalanceThreshold}`}>
              low
            </span>
          )}
        </span>
      </td>
      <td data-label="Held" className="num" title={account.held}>
        {displayCredits(account.held)}
      </td>
      <td data-label="Available" className="num" title={account.available} data-testid="account-available">
        {displayCredits(account.available)}
      </td>
      <td
        data-label="Debt"
        className="num"
        title={owes ? `${account.debt} credits owed from refunds or disputes; settled from the next purchase` : 'No debt'}
        data-testid="account-debt"
      >
        {owes ? <span className="badge badge-warning">{displayCredits(account.debt)}</span> : '—'}
      </td>
      <td className="cell-actions">
        <span className="row-actions">
          {ACTIONS.map(({ kind, label }) => (
            <button
              key={kind}
              type="button"
              className={`button ${kind === 'deduct' ? 'button-danger-ghost' : 'button-secondary'} button-small`}
              onClick={() => onAction({ kind, userId: id, email: name })}
              aria-label={`${label} credits: ${name}`}
              data-testid={`account-${kind}`}
            >
              {label}
            </button>
          ))}
        </span>
      </td>
    </tr>
  );
}
