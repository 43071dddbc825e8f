import { useQuery } from '@apollo/client/react';
import { Outlet, matchPath, useLocation } from 'react-router';
import { describeProblem } from '../apollo/describe-problem';
import { problemFromError } from '../apollo/problem';
import { APP_ROUTES } from '../app/routes';
import { PastDueBanner } from '../billing/PastDueBanner';
import { CurrentUserContext } from '../auth/CurrentUserContext';
import { LowBalanceBanner } from '../credits/LowBalanceBanner';
import { useBalanceUpdates } from '../credits/useBalanceUpdates';
import { graphql } from '../gql';
import { Alert } from '../ui/Alert';
import { TopBar } from './TopBar';
import { useDocumentTitle } from './useDocumentTitle';
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

/** The signed-in frame: loads who the user is once, then renders the top bar and the screen. */
export function AppLayout() {
  const { data, error, refetch } = useQuery(AppLayoutQuery);
  const { pathname } = useLocation();
  const current = APP_ROUTES.find((route) => matchPath({ path: route.path, end: true }, pathname));
  useDocumentTitle(current?.label);
  useBalanceUpdates();

  if (!data) {
    return (
      <div className="app-loading" aria-busy={!error}>
        {error ? (
          <Alert>
            {describeProblem(problemFromError(error))}{' '}
            <button type="button" className="button button-link" onClick={() => void refetch()}>
              Retry
            </button>
          </Alert>
        ) : (
          <p className="muted">Loading…</p>
        )}
      </div>
    );
  }

  return (
    <CurrentUserContext.Provider value={data.me}>
      <div className="app-shell">
        <TopBar user={data.me} />
        <main className="app-main">
          <PastDueBanner />
          <LowBalanceBanner />
          <Outlet />
        </main>
      </div>
    </CurrentUserContext.Provider>
  );
}
