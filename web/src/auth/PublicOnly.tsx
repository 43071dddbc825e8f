import { Navigate, Outlet, useLocation } from 'react-router';
import { useToken } from './useToken';

/**
 * Gate for sign-in and sign-up. Signing in stores a token, and this gate then moves the user on
 * to where they were heading (or the dashboard): the forms never navigate themselves.
 */
export function PublicOnly() {
  const token = useToken();
  const location = useLocation();
  if (token) return <Navigate to={returnPath(location.state)} replace state={{ signedIn: true }} />;
  return <Outlet />;
}

function returnPath(state: unknown): string {
  if (state && typeof state === 'object' && 'from' in state && typeof state.from === 'string') {
    // Only paths inside this app: never an absolute URL smuggled into history state.
    if (state.from.startsWith('/') && !state.from.startsWith('//')) return state.from;
  }
  return '/';
}
