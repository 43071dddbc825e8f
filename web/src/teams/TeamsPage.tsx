import { Link } from 'react-router';
import { describeProblem } from '../apollo/describe-problem';
import { problemFromError } from '../apollo/problem';
import { Alert } from '../ui/Alert';
import { DataTable, type DataColumn } from '../ui/DataTable';
import { setActingTeam } from './acting-account';
import { roleWord } from './team-roles';
import { useActingTeam } from './useActingTeam';
import { useMyTeams } from './useMyTeams';

const COLUMNS: DataColumn[] = [{ label: 'Team' }, { label: 'Your role' }, { label: 'Members', numeric: true }, { label: 'Actions', hiddenLabel: true }];

/** Settings › Teams: the person's teams, switching to one, and creating one. */
export function TeamsPage() {
  const acting = useActingTeam();
  const { teams, error } = useMyTeams(acting);
  return (
    <section className="page team-page">
      <h1>Teams</h1>
      <p className="muted">
        A team shares one credit balance among its members and keys. Acting for a team (the switcher at the top), the balance, API keys, usage and billing you
        see are the team’s.
      </p>
      <p>
        <Link to="/teams/new" className="button button-primary" data-testid="create-team-button">
          Create a team
        </Link>
      </p>
      {error && !teams && <Alert>{describeProblem(problemFromError(error))}</Alert>}
      {teams && (
        <DataTable
          columns={COLUMNS}
          rows={teams}
          rowKey={(team) => team.id}
          testId="teams-table"
          empty={{ message: 'You are not in any team yet. Create one, or open an invitation link someone sent you.', testId: 'teams-empty' }}
          renderRow={(team) => (
            <tr data-testid="team-row" data-team={team.id}>
              <td data-label="Team">{team.name}</td>
              <td data-label="Your role">{roleWord(team.myRole)}</td>
              <td data-label="Members" className="num">
                {team.memberCount}
              </td>
              <td className="cell-actions">
                {acting?.id === team.id ? (
                  <Link to="/team/members" className="button button-secondary button-small">
                    Members
                  </Link>
                ) : (
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    onClick={() => setActingTeam({ id: team.id, name: team.name })}
                    aria-label={`Act for ${team.name}`}
                    data-testid="act-for-team"
                  >
                    Act for this team
                  </button>
                )}
              </td>
            </tr>
          )}
        />
      )}
    </section>
  );
}
