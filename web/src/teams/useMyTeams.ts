import { useQuery } from '@apollo/client/react';
import { useEffect } from 'react';
import { graphql } from '../gql';
import { setActingTeam, type ActingTeam } from './acting-account';

export const MyTeamsQuery = graphql(`
  query MyTeams {
    myTeams {
      id
      name
      myRole
      memberCount
    }
  }
`);

/**
 * The person's teams, for the switcher and the Teams page. A renamed acting team's new name is
 * taken up (the same id: no store reset).
 */
export function useMyTeams(acting: ActingTeam | null) {
  const { data, loading, error, refetch } = useQuery(MyTeamsQuery);
  const teams = data?.myTeams;
  const current = acting ? teams?.find((team) => team.id === acting.id) : undefined;
  useEffect(() => {
    if (acting && current && current.name !== acting.name) setActingTeam({ id: current.id, name: current.name });
  }, [acting, current]);
  return { teams, current: current ?? null, loading, error, refetch };
}
