import { useMutation } from '@apollo/client/react';
import { graphql } from '../gql';
import { MyTeamsQuery } from './useMyTeams';

const CreateTeamMutation = graphql(`
  mutation CreateTeam($input: CreateTeamInput!) {
    createTeam(input: $input) {
      id
      name
      myRole
    }
  }
`);

const UpdateTeamMutation = graphql(`
  mutation UpdateTeam($input: UpdateTeamInput!) {
    updateTeam(input: $input) {
      id
      name
      billingEmail
    }
  }
`);

/** Creating a team (the creator is its owner) and editing its name and billing email. */
export function useTeamForms() {
  const [create, creating] = useMutation(CreateTeamMutation, { refetchQueries: [MyTeamsQuery], awaitRefetchQueries: true });
  const [update, updating] = useMutation(UpdateTeamMutation, { refetchQueries: [MyTeamsQuery] });
  return {
    create: async (name: string, billingEmail: string | null) => {
      const { data } = await create({ variables: { input: { name, ...(billingEmail ? { billingEmail } : {}) } } });
      if (!data) throw new Error('createTeam returned no data');
      return data.createTeam;
    },
    creating: creating.loading,
    update: async (teamId: string, name: string, billingEmail: string) => void (await update({ variables: { input: { teamId, name, billingEmail } } })),
    updating: updating.loading,
  };
}
