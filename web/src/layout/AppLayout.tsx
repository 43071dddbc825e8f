import type { ReactNode } from 'react';
import { Outlet, matchPath, useLocation } from 'react-router';
import { APP_ROUTES } from '../app/routes';
import { PastDueBanner } from '../billing/PastDueBanner';
import { useCurrentUser } from '../auth/CurrentUserContext';
import { LowBalanceBanner } from '../credits/LowBalanceBanner';
import { TeamFallbackNotice } from '../teams/TeamFallbackNotice';
import { TopBar } from './TopBar';
import { useDocumentTitle } from './useDocumentTitle';
import './layout.css';

/**
 * The user app's frame: the top bar and the screen. `children` replaces the routed screen (the
 * refusal shown to a non-admin at an /admin address, in the frame they know).
 */
export function AppLayout({ children }: { children?: ReactNode }) {
  const user = useCurrentUser();
  const { pathname } = useLocation();
  const current = APP_ROUTES.find((route) => matchPath({ path: route.path, end: true }, pathname));
  useDocumentTitle(current?.label);

  return (
    <div className="app-shell">
      <TopBar user={user} />
      <main className="app-main">
        <TeamFallbackNotice />
        <PastDueBanner />
        <LowBalanceBanner />
        {children ?? <Outlet />}
      </main>
    </div>
  );
}
