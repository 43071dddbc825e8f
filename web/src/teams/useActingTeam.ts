import { useSyncExternalStore } from 'react';
import { getActingTeam, lostTeam, subscribeActingAccountOrPerson, type ActingTeam } from './acting-account';

/** The team the signed-in person acts for (null: their own account), re-rendered on every switch. */
export function useActingTeam(): ActingTeam | null {
  return useSyncExternalStore(subscribeActingAccountOrPerson, getActingTeam, () => null);
}

/** The team the person was just switched away from because they are no longer a member. */
export function useLostTeam(): ActingTeam | null {
  return useSyncExternalStore(subscribeActingAccountOrPerson, lostTeam, () => null);
}
