import { skipToken, useQuery } from '@apollo/client/react';
import { graphql } from '../gql';

const AttributionOptionsQuery = graphql(`
  query TransactionAttributionOptions($teamId: ID!) {
    teamMembers(teamId: $teamId) {
      userId
      email
    }
    apiKeys(includeRevoked: true) {
      id
      name
      ownerEmail
      revokedAt
    }
  }
`);

export interface AttributionOption {
  id: string;
  label: string;
}

/**
 * The members and keys a team's history can be narrowed to (an owner's or admin's view). Revoked
 * keys stay: their past calls are still in the history.
 */
export function useAttributionOptions(teamId: string | null): { members: AttributionOption[]; keys: AttributionOption[] } {
  const { data } = useQuery(AttributionOptionsQuery, teamId ? { variables: { teamId } } : skipToken);
  return {
    members: (data?.teamMembers ?? []).map((member) => ({ id: member.userId, label: member.email })),
    keys: (data?.apiKeys ?? []).map((key) => ({
      id: key.id,
      label: `${key.name} (${key.ownerEmail}${key.revokedAt ? ', revoked' : ''})`,
    })),
  };
}
