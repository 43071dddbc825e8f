import { skipToken, useQuery } from '@apollo/client/react';
import { graphql } from '../gql';
import type { TeamRole } from '../gql/graphql';
import { useActingTeam } from '../teams/useActingTeam';
import type { ActingTeam } from '../teams/acting-account';

const ActingTeamRoleQuery = graphql(`
  query ActingTeamRole($id: ID!) {
    team(id: $id) {
      id
      name
      myRole
    }
  }
`);

export interface ActingAccess {
  /** The team acted for, or null on the person's own account. */
  team: ActingTeam | null;
  /** The person's role in it; undefined while loading (and on the personal account). */
  role: TeamRole | undefined;
  /** May see everyone's keys, usage and history and change limits: the own account, or a team's owner/admin. */
  manages: boolean;
  /** A team member without those rights: their own lines only. */
  memberOnly: boolean;
}

/**
 * What the screens of keys, usage and history show depends on who acts: on a team, an owner or
 * admin sees every member's lines, a member only their own. The server enforces it; this only
 * decides which controls to offer (and says why one is missing).
 */
export function useActingAccess(): ActingAccess {
  const team = useActingTeam();
  const { data } = useQuery(ActingTeamRoleQuery, team ? { variables: { id: team.id } } : skipToken);
  const role = team && data?.team.id === team.id ? data.team.myRole : undefined;
  if (!team) return { team, role: undefined, manages: true, memberOnly: false };
  return { team, role, manages: role === 'OWNER' || role === 'ADMIN', memberOnly: role === 'MEMBER' };
}
