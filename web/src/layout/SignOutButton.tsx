import { clearToken } from '../auth/token-store';

/** Forgetting the token is the whole sign-out: the route guard and the Apollo client react to it. */
export function SignOutButton() {
  return (
    <button type="button" className="button button-secondary" onClick={() => clearToken('signed-out')} data-testid="sign-out">
      Sign out
    </button>
  );
}
