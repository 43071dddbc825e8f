import { useQuery } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { describeProblem } from '../apollo/describe-problem';
import { problemFromError } from '../apollo/problem';
import { Alert } from '../ui/Alert';
import type { ApiTeamRole } from './team-roles';
import { TEAM_WORDING } from './team-wording';
import { useActingTeam } from './useActingTeam';
import { TeamQuery } from './useTeamMembers';

export interface ActingTeamData {
  id: string;
  name: string;
  billingEmail: string;
  myRole: ApiTeamRole;
  memberCount: number;
  tierCode: string;
  createdAt: string;
}

/**
 * The team screens are about the team acted for (the header the server reads matches the team on
 * screen). Acting for the personal account, they say how to switch instead.
 */
export function ActingTeamGate({ title, children }: { title: string; children: (team: ActingTeamData) => ReactNode }) {
  const acting = useActingTeam();
  const { data, error } = useQuery(TeamQuery, { variables: { id: acting?.id ?? '' }, skip: !acting });
  if (!acting) {
    return (
      <section className="page team-page">
        <h1>{title}</h1>
        <p data-testid="team-personal-notice">
          You are acting for your personal account. Choose a team in the switcher at the top (“Acting for …”), or see <Link to="/teams">your teams</Link>.
        </p>
      </section>
    );
  }
  if (!data) {
    return (
      <section className="page team-page">
        <h1>{title}</h1>
        {error ? <Alert>{describeProblem(problemFromError(error), TEAM_WORDING)}</Alert> : <p className="muted">Loading the team…</p>}
      </section>
    );
  }
  return <>{children(data.team)}</>;
}
