import type { FragmentType } from '../gql';
import { AccountRow, type AccountRowFragment } from './AccountRow';
import type { CreditActionTarget } from './CreditActionDialog';

interface Props {
  accounts: readonly ({ user: { id: string } } & FragmentType<typeof AccountRowFragment>)[];
  busy: boolean;
  onAction: (target: CreditActionTarget) => void;
}

export function AccountTable({ accounts, busy, onAction }: Props) {
  if (accounts.length === 0) {
    return (
      <p className="empty" data-testid="accounts-empty">
        No account matches.
      </p>
    );
  }
  return (
    <table className={`table table-reflow accounts-table${busy ? ' is-busy' : ''}`} aria-busy={busy} data-testid="accounts-table">
      <thead>
        <tr>
          <th scope="col">Email</th>
          <th scope="col" className="num">
            Balance
          </th>
          <th scope="col" className="num">
            Held
          </th>
          <th scope="col" className="num">
            Available
          </th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {accounts.map((account) => (
          <AccountRow key={account.user.id} account={account} onAction={onAction} />
        ))}
      </tbody>
    </table>
  );
}
