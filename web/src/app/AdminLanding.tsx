import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useCurrentUser } from '../auth/CurrentUserContext';

/**
 * An admin who has just signed in lands in the console; the dashboard stays theirs to open
 * later (the console's "Back to the app"). PublicOnly marks the move after sign-in with `signedIn`.
 */
export function AdminLanding({ children }: { children: ReactNode }) {
  const user = useCurrentUser();
  const { state } = useLocation();
  const justSignedIn = typeof state === 'object' && state !== null && 'signedIn' in state && state.signedIn === true;
  if (user.role === 'admin' && justSignedIn) return <Navigate to="/admin" replace />;
  return children;
}
