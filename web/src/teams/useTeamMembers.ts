import { useMutation, useQuery } from '@apollo/client/react';
import { graphql } from '../gql';
import type { ApiTeamRole } from './team-roles';

export const TeamQuery = graphql(`
  query Team($id: ID!) {
    team(id: $id) {
      id
      name
      billingEmail
      myRole
      memberCount
      tierCode
      createdAt
    }
  }
`);

const TeamMembersQuery = graphql(`
  query TeamMembers($teamId: ID!) {
    teamMembers(teamId: $teamId) {
      userId
      email
      role
      joinedAt
    }
  }
`);

/** Apart from the list: the list stands even when caps cannot be read. */
const TeamMemberCapsQuery = graphql(`
  query TeamMemberCaps($teamId: ID!) {
    teamMemberCaps(teamId: $teamId) {
      userId
      cap {
        limit
        period
      }
      capSpend {
        spent
        remaining
        periodStart
        resetsAt
      }
      spentThisMonth
    }
  }
`);

const ChangeRoleMutation = graphql(`
  mutation ChangeTeamMemberRole($teamId: ID!, $userId: ID!, $role: TeamRole!) {
    changeTeamMemberRole(teamId: $teamId, userId: $userId, role: $role) {
      userId
      role
    }
  }
`);

const RemoveMemberMutation = graphql(`
  mutation RemoveTeamMember($teamId: ID!, $userId: ID!) {
    removeTeamMember(teamId: $teamId, userId: $userId)
  }
`);

const LeaveTeamMutation = graphql(`
  mutation LeaveTeam($teamId: ID!) {
    leaveTeam(teamId: $teamId)
  }
`);

const SetMemberCapMutation = graphql(`
  mutation SetTeamMemberCap($input: SetTeamMemberCapInput!) {
    setTeamMemberCap(input: $input) {
      userId
    }
  }
`);

export type SpendPeriodValue = 'DAY' | 'WEEK' | 'MONTH';

/**
 * One team's members with their caps and this period's spend, and what managers do to them. Every
 * change refetches the list (roles, caps and spend come from the server, never guessed here).
 */
export function useTeamMembers(teamId: string) {
  const list = useQuery(TeamMembersQuery, { variables: { teamId } });
  const caps = useQuery(TeamMemberCapsQuery, { variables: { teamId } });
  const refetch = { refetchQueries: [TeamMembersQuery, TeamMemberCapsQuery, TeamQuery], awaitRefetchQueries: true };
  const [changeRole, changing] = useMutation(ChangeRoleMutation, refetch);
  const [remove, removing] = useMutation(RemoveMemberMutation, refetch);
  const [leave, leaving] = useMutation(LeaveTeamMutation);
  const [setCap, settingCap] = useMutation(SetMemberCapMutation, refetch);

  return {
    members: list.data?.teamMembers,
    caps: caps.data?.teamMemberCaps,
    capsError: caps.error,
    loading: list.loading,
    error: list.error,
    refetch: list.refetch,
    changeRole: async (userId: string, role: ApiTeamRole) => void (await changeRole({ variables: { teamId, userId, role } })),
    changing: changing.loading,
    remove: async (userId: string) => void (await remove({ variables: { teamId, userId } })),
    removing: removing.loading,
    leave: async () => void (await leave({ variables: { teamId } })),
    leaving: leaving.loading,
    setCap: async (userId: string, cap: { limit: string; period: SpendPeriodValue } | null) =>
      void (await setCap({ variables: { input: { teamId, userId, cap } } })),
    settingCap: settingCap.loading,
  };
}
