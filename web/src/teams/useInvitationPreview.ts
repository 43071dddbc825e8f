import { useMutation, useQuery } from '@apollo/client/react';
import { graphql } from '../gql';

const InvitationPreviewQuery = graphql(`
  query TeamInvitationPreview($token: String!) {
    teamInvitation(token: $token) {
      teamId
      teamName
      role
      email
      invitedByEmail
      expiresAt
    }
    me {
      id
      email
    }
  }
`);

const AcceptInvitationMutation = graphql(`
  mutation AcceptTeamInvitation($token: String!) {
    acceptTeamInvitation(token: $token) {
      id
      name
      myRole
    }
  }
`);

/** An invitation link's preview (for the signed-in person) and accepting it. */
export function useInvitationPreview(token: string, skip: boolean) {
  const preview = useQuery(InvitationPreviewQuery, { variables: { token }, skip, fetchPolicy: 'network-only' });
  const [accept, accepting] = useMutation(AcceptInvitationMutation);
  return {
    invitation: preview.data?.teamInvitation,
    me: preview.data?.me,
    error: preview.error,
    accept: async () => {
      const { data } = await accept({ variables: { token } });
      if (!data) throw new Error('acceptTeamInvitation returned no data');
      return data.acceptTeamInvitation;
    },
    accepting: accepting.loading,
  };
}
