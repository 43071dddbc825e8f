import { Navigate, Outlet, useLocation } from 'react-router';
import { lastSessionEnd } from './token-store';
import { useToken } from './useToken';

/** Where sign-in should send the user afterwards, and why they are there. */
export interface SignInState {
  from?: string;
  expired?: boolean;
}

/**
 * Gate for the signed-in app. Without a token, go to sign-in; unless the user just signed out,
 * come back to this page afterwards.
 */
export function RequireAuth() {
  const token = useToken();
  const location = useLocation();
  if (!token) {
    const end = lastSessionEnd();
    const from = location.pathname + location.search;
    const state: SignInState | undefined = end === 'signed-out' ? undefined : { from: from === '/' ? undefined : from, expired: end === 'expired' };
    return <Navigate to="/sign-in" replace state={state} />;
  }
  return <Outlet />;
}
