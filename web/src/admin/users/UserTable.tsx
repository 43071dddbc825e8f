import { Link } from 'react-router';
import { DataTable, type DataColumn } from '../../ui/DataTable';
import { TimeCell } from '../../ui/TimeCell';
import { formatCredits } from '../../ui/format-money';
import type { CsvColumn } from '../../ui/csv';
import type { AdminUserListItem } from './useAdminUsers';

const COLUMNS: DataColumn[] = [
  { label: 'Email' },
  { label: 'Tier' },
  { label: 'Status' },
  { label: 'Balance', numeric: true },
  { label: 'Available', numeric: true },
  { label: 'Debt', numeric: true },
  { label: 'Signed up' },
];

/** The export: exact values, not the formatted ones. */
export const USER_CSV_COLUMNS: CsvColumn<AdminUserListItem>[] = [
  { header: 'id', value: (u) => u.id },
  { header: 'email', value: (u) => u.email },
  { header: 'role', value: (u) => u.role },
  { header: 'tier', value: (u) => u.tierCode },
  { header: 'suspended_at', value: (u) => u.suspendedAt },
  { header: 'balance', value: (u) => u.balance },
  { header: 'available', value: (u) => u.available },
  { header: 'debt', value: (u) => u.debt },
  { header: 'created_at', value: (u) => u.createdAt },
];

export function UserTable({ users, busy }: { users: readonly AdminUserListItem[]; busy: boolean }) {
  return (
    <DataTable
      columns={COLUMNS}
      rows={users}
      rowKey={(user) => user.id}
      testId="users-table"
      busy={busy}
      empty={{ message: 'No user matches.', testId: 'users-empty' }}
      renderRow={(user) => (
        <tr data-testid="user-row" data-id={user.id} data-email={user.email}>
          <td data-label="Email" className="account-cell-email">
            <span>
              <Link to={`/admin/users/${user.id}`} data-testid="user-link">
                {user.email}
              </Link>
              {user.role === 'admin' && <span className="badge">admin</span>}
            </span>
          </td>
          <td data-label="Tier">{user.tierCode}</td>
          <td data-label="Status">
            {user.suspendedAt ? <span className="badge badge-danger">suspended</span> : <span className="badge badge-success">active</span>}
          </td>
          <td data-label="Balance" className="num" title={user.balance}>
            {formatCredits(user.balance)}
          </td>
          <td data-label="Available" className="num" title={user.available}>
            {formatCredits(user.available)}
          </td>
          <td data-label="Debt" className="num" title={user.debt}>
            {formatCredits(user.debt)}
          </td>
          <TimeCell label="Signed up" at={user.createdAt} />
        </tr>
      )}
    />
  );
}
