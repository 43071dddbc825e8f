import { useMutation, useQuery } from '@apollo/client/react';
import { graphql } from '../gql';
import type { ApiTeamRole } from './team-roles';

const TeamInvitationsQuery = graphql(`
  query TeamInvitations($teamId: ID!) {
    teamInvitations(teamId: $teamId) {
      id
      email
      role
      invitedByEmail
      createdAt
      expiresAt
      status
    }
  }
`);

const InviteMutation = graphql(`
  mutation InviteTeamMember($input: InviteTeamMemberInput!) {
    inviteTeamMember(input: $input) {
      link
      invitation {
        id
        email
        role
      }
    }
  }
`);

const RevokeInvitationMutation = graphql(`
  mutation RevokeTeamInvitation($id: ID!) {
    revokeTeamInvitation(id: $id) {
      id
      status
    }
  }
`);

export interface CreatedInvitation {
  link: string;
  email: string | null;
  role: ApiTeamRole;
}

/** A team's invitations (owners and admins only: `skip` for a member), inviting and revoking. */
export function useInvitations(teamId: string, skip: boolean) {
  const list = useQuery(TeamInvitationsQuery, { variables: { teamId }, skip });
  // The link carries the invitation's secret token: kept out of Apollo's cache, shown once by the panel.
  const [invite, inviting] = useMutation(InviteMutation, { fetchPolicy: 'no-cache', refetchQueries: [TeamInvitationsQuery], awaitRefetchQueries: true });
  const [revoke, revoking] = useMutation(RevokeInvitationMutation, { refetchQueries: [TeamInvitationsQuery], awaitRefetchQueries: true });

  return {
    invitations: list.data?.teamInvitations,
    loading: list.loading,
    error: list.error,
    invite: async (email: string | null, role: ApiTeamRole): Promise<CreatedInvitation> => {
      const { data } = await invite({ variables: { input: { teamId, role, ...(email ? { email } : {}) } } });
      if (!data) throw new Error('inviteTeamMember returned no data');
      inviting.reset();
      return { link: data.inviteTeamMember.link, email: data.inviteTeamMember.invitation.email, role: data.inviteTeamMember.invitation.role };
    },
    inviting: inviting.loading,
    revoke: async (id: string) => void (await revoke({ variables: { id } })),
    revoking: revoking.loading,
  };
}
