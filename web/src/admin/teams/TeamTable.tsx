import { Link } from 'react-router';
import { DataTable, type DataColumn } from '../../ui/DataTable';
import { TimeCell } from '../../ui/TimeCell';
import { formatBalance } from '../../ui/format-money';
import type { CsvColumn } from '../../ui/csv';
import type { AdminTeamListItem } from './useAdminTeams';

const COLUMNS: DataColumn[] = [
  { label: 'Name' },
  { label: 'Billing email' },
  { label: 'Owner' },
  { label: 'Members', numeric: true },
  { label: 'Tier' },
  { label: 'Balance', numeric: true },
  { label: 'Created' },
];

/** The export: exact values, not the formatted ones. */
export const TEAM_CSV_COLUMNS: CsvColumn<AdminTeamListItem>[] = [
  { header: 'id', value: (t) => t.id },
  { header: 'name', value: (t) => t.name },
  { header: 'billing_email', value: (t) => t.billingEmail },
  { header: 'owner_email', value: (t) => t.ownerEmail },
  { header: 'members', value: (t) => t.memberCount },
  { header: 'tier', value: (t) => t.tierCode },
  { header: 'balance', value: (t) => t.balance },
  { header: 'created_at', value: (t) => t.createdAt },
];

/**
 * A team is an account like a user's (its id is the account's id), so the team's money, usage and
 * keys open on the same console page as a user's.
 */
export function TeamTable({ teams, busy }: { teams: readonly AdminTeamListItem[]; busy: boolean }) {
  return (
    <DataTable
      columns={COLUMNS}
      rows={teams}
      rowKey={(team) => team.id}
      testId="teams-table"
      busy={busy}
      empty={{ message: 'No team matches.', testId: 'teams-empty' }}
      renderRow={(team) => (
        <tr data-testid="team-row" data-id={team.id} data-name={team.name}>
          <td data-label="Name" className="account-cell-email">
            <Link to={`/admin/users/${team.id}`} data-testid="team-link">
              {team.name}
            </Link>
          </td>
          <td data-label="Billing email">{team.billingEmail}</td>
          <td data-label="Owner" data-testid="team-owner">
            {team.ownerEmail}
          </td>
          <td data-label="Members" className="num" data-testid="team-members">
            {team.memberCount}
          </td>
          <td data-label="Tier">{team.tierCode}</td>
          <td data-label="Balance" className="num" title={team.balance} data-testid="team-balance">
            {formatBalance(team.balance)}
          </td>
          <TimeCell label="Created" at={team.createdAt} />
        </tr>
      )}
    />
  );
}
