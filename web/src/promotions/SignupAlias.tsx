import { Navigate, useLocation } from 'react-router';

/** Referral links read `/signup?ref=<code>` (the server builds them): the sign-up page, query kept. */
export function SignupAlias() {
  const { search } = useLocation();
  return <Navigate to={`/sign-up${search}`} replace />;
}
