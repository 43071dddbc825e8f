import { useQuery } from '@apollo/client/react';
import { Outlet } from 'react-router';
import { CurrentUserContext } from '../auth/CurrentUserContext';
import { useBalanceUpdates } from '../credits/useBalanceUpdates';
import { graphql } from '../gql';
import { RetryAlert } from '../ui/RetryAlert';
import './layout.css';

const AppLayoutQuery = graphql(`
  query AppLayout {
    me {
      id
      email
      role
    }
  }
`);

/**
 * Loads who the user is once, for both frames under it (the user app and the admin console), so
 * switching between them neither reloads the user nor drops the live balance subscription.
 */
export function SignedInFrame() {
  const { data, error, refetch } = useQuery(AppLayoutQuery);
  useBalanceUpdates();

  if (!data) {
    return (
      <div className="app-loading" aria-busy={!error}>
        {error ? <RetryAlert error={error} onRetry={refetch} /> : <p className="muted">Loading…</p>}
      </div>
    );
  }

  return (
    <CurrentUserContext.Provider value={data.me}>
      <Outlet />
    </CurrentUserContext.Provider>
  );
}
