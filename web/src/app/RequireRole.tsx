import type { ReactNode } from 'react';
import { useCurrentUser } from '../auth/CurrentUserContext';
import { NotFoundPage } from './NotFoundPage';
import { canAccess } from './route-access';

/** Admin-only screens answer "not found" to everyone else, as if they did not exist. */
export function RequireRole({ adminOnly, children }: { adminOnly?: boolean; children: ReactNode }) {
  const user = useCurrentUser();
  return canAccess({ adminOnly }, user.role) ? children : <NotFoundPage />;
}
