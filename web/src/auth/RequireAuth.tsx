import { Navigate, Outlet, useLocation } from 'react-router';
import { useToken } from './useToken';

/** Gate for the signed-in app: without a token, go to sign-in and come back here afterwards. */
export function RequireAuth() {
  const token = useToken();
  const location = useLocation();
  if (!token) {
    const from = location.pathname + location.search;
    return <Navigate to="/sign-in" replace state={from === '/' ? undefined : { from }} />;
  }
  return <Outlet />;
}
