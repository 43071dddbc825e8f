import type { Role } from '@tollgate/shared';
import { createContext, useContext } from 'react';

export interface CurrentUser {
  id: string;
  email: string;
  role: Role;
}

/** Provided by the app layout, which loads the signed-in user once for every screen. */
export const CurrentUserContext = createContext<CurrentUser | null>(null);

export function useCurrentUser(): CurrentUser {
  const user = useContext(CurrentUserContext);
  if (!user) throw new Error('useCurrentUser must be used inside the signed-in app layout');
  return user;
}
